"""Bulk import of the grids (网格) from CSV or XLSX, read and reported as the tree's import is.

One row is one place a grid covers: ``grid_code, grid_name, community_code, courtyard_code,
building_code, worker, deputies`` (or 网格编码, 网格名称, 社区编码, 院落编码, 楼栋编码, 网格员手机号/账号,
副网格员). A row without a building code covers the whole courtyard; with one, that building alone.
``worker`` is a mobile number or user name; ``deputies`` several, separated by 、 or ;. The file
states the whole coverage of every grid it names; grids it does not name keep theirs. A grid whose
rows give no worker and no deputies keeps its people. The whole file is checked first and every
problem reported with its row number; only a file without problems is written, in one transaction,
through the grid services, so the grid key of every row placed there follows.
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from governance.accounts import permissions
from governance.accounts.choices import Role
from governance.accounts.models import User
from governance.accounts.permissions import Action

from . import grids
from .importer import RowError, TreeImportError, code_error, name_error, normalise_header, table_rows_read
from .models import Building, Community, Courtyard, Grid

CHINESE_HEADERS = {
    "网格编码": "grid_code",
    "网格名称": "grid_name",
    "网格员": "worker",
    "网格员手机号": "worker",
    "网格员账号": "worker",
    "网格员手机号/账号": "worker",
    "副网格员": "deputies",
}
REQUIRED = ("grid_code", "community_code", "courtyard_code")
DEPUTY_SEPARATORS = re.compile(r"[、;；]")


@dataclass
class PlannedGrid:
    code: str
    name: str
    community: Community
    row: int
    existing: Grid | None
    courtyards: dict = field(default_factory=dict)  # pk -> Courtyard, covered whole
    buildings: dict = field(default_factory=dict)  # pk -> Building, covered alone
    people: tuple | None = None  # (worker, deputies) when some row gives them
    people_row: int = 0


@dataclass
class GridImportSummary:
    rows: int = 0
    created: int = 0
    changed: int = 0
    places_moved: int = 0


@dataclass
class Found:
    """Everything the file names, read in one query per kind."""

    communities: dict
    courtyards: dict
    buildings: dict
    grids: dict
    grid_names: dict  # (community id, name) -> grid code
    people: dict  # phone or user name -> User
    claims: dict = field(default_factory=dict)  # ("courtyard"|"building"|"in", pk) -> {grid code: row}


def normalise_grid_header(header: str) -> str:
    return CHINESE_HEADERS.get((header or "").strip()) or normalise_header(header)


def grid_rows_read(*, data: bytes, filename: str) -> list[dict]:
    return table_rows_read(data=data, filename=filename, normalise=normalise_grid_header, required=REQUIRED)


def grid_import(*, rows: list[dict], user=None) -> GridImportSummary:
    """Check every row, then write every grid; raises TreeImportError and writes nothing on any problem."""
    plan, errors = _plan(rows, user)
    if errors:
        raise TreeImportError(errors)
    summary = GridImportSummary(rows=len(rows))
    with transaction.atomic():
        for item in plan.values():
            _write(item, user, summary)
    return summary


def _write(item: PlannedGrid, user, summary: GridImportSummary) -> None:
    courtyards, buildings = list(item.courtyards.values()), list(item.buildings.values())
    if item.existing is None:
        worker, deputies = item.people or (None, ())
        grids.grid_create(
            community=item.community, name=item.name, code=item.code, worker=worker, deputies=deputies,
            courtyards=courtyards, buildings=buildings, by=user,
        )  # fmt: skip
        summary.created += 1
        summary.places_moved += len(courtyards) + len(buildings)
        return
    summary.changed += 1
    summary.places_moved += grids.grid_coverage_set(grid=item.existing, courtyards=courtyards, buildings=buildings)
    if _people_change(item):
        grids.grid_people_set(grid=item.existing, worker=item.people[0], deputies=item.people[1], by=user)


def _plan(rows: list[dict], user) -> tuple[dict[str, PlannedGrid], list[RowError]]:
    found = _found(rows)
    plan: dict[str, PlannedGrid] = {}
    errors = [RowError(2, "", _("The file has a header but no rows."))] if not rows else []
    for number, row in enumerate(rows, start=2):
        error = _check_row(number, row, found, plan, user)
        if error:
            errors.append(error)
    if user is not None:
        errors.extend(error for item in plan.values() if (error := _check_people_permission(item, user)))
    return plan, sorted(errors, key=lambda error: error.row)


def _found(rows: list[dict]) -> Found:
    def codes(column):
        return {row.get(column, "") for row in rows} - {""}

    grids_named = Grid.objects.filter(code__in=codes("grid_code")).select_related("community").prefetch_related("deputies")
    communities = Community.objects.filter(code__in=codes("community_code"))
    who = _names(rows, "worker") | {name for row in rows for name in _deputy_names(row)}
    people = {}
    for person in User.objects.filter(Q(phone__in=who) | Q(username__in=who), is_active=True).select_related("home_unit"):
        people.update({person.username: person, **({person.phone: person} if person.phone else {})})
    return Found(
        communities={community.code: community for community in communities},
        courtyards={courtyard.code: courtyard for courtyard in Courtyard.objects.filter(code__in=codes("courtyard_code"))},
        buildings={building.code: building for building in Building.objects.filter(code__in=codes("building_code"))},
        grids={grid.code: grid for grid in grids_named},
        grid_names={(community_id, name): code for community_id, name, code in _grid_names(codes("community_code"))},
        people=people,
    )


def _grid_names(community_codes: set[str]):
    return Grid.objects.filter(community__code__in=community_codes).values_list("community_id", "name", "code")


def _names(rows: list[dict], column: str) -> set[str]:
    return {row.get(column, "") for row in rows} - {""}


def _deputy_names(row: dict) -> list[str]:
    return [name.strip() for name in DEPUTY_SEPARATORS.split(row.get("deputies", "")) if name.strip()]


def _check_row(number: int, row: dict, found: Found, plan: dict, user) -> RowError | None:
    """The row's cells, its places, its grid and its people, stopping at the first problem."""
    code, name = row.get("grid_code", ""), row.get("grid_name", "")
    error = code_error(number, "grid_code", code) or name_error(number, "grid_name", name)
    if error:
        return error
    places, error = _places(number, row, found)
    if error:
        return error
    community, courtyard, building = places
    if user is not None and not permissions.can(user, Action.MANAGE, community):
        return RowError(number, "community_code", _("You may not change the grids of “%(name)s”.") % {"name": community.name})
    item, error = _plan_grid(number, plan, found, code, name, community)
    if error:
        return error
    people, error = _people(number, row, found)
    return error or _claim(number, found, item, courtyard, building) or _merge_people(number, item, people)


def _places(number: int, row: dict, found: Found) -> tuple[tuple, RowError | None]:
    """(community, courtyard, building or None): each known, each inside the one before."""
    codes = {column: row.get(column, "") for column in ("community_code", "courtyard_code", "building_code")}
    community = found.communities.get(codes["community_code"])
    courtyard = found.courtyards.get(codes["courtyard_code"])
    building = found.buildings.get(codes["building_code"]) if codes["building_code"] else None
    unknown = [
        (column, model)
        for column, model, node in (("community_code", Community, community), ("courtyard_code", Courtyard, courtyard))
        if node is None
    ] + ([("building_code", Building)] if codes["building_code"] and building is None else [])
    if unknown:
        column, model = unknown[0]
        message = _("No %(level)s has the code “%(code)s”.") % {"level": model._meta.verbose_name, "code": codes[column]}
        return (), RowError(number, column, message)
    if courtyard.community_id != community.pk:
        message = _("The courtyard “%(courtyard)s” is not in the community “%(community)s”.")
        return (), RowError(number, "courtyard_code", message % {"courtyard": courtyard.name, "community": community.name})
    if building is not None and building.courtyard_id != courtyard.pk:
        message = _("The building “%(building)s” is not in the courtyard “%(courtyard)s”.")
        return (), RowError(number, "building_code", message % {"building": building.code, "courtyard": courtyard.name})
    return (community, courtyard, building), None


def _plan_grid(number: int, plan: dict, found: Found, code: str, name: str, community) -> tuple[PlannedGrid | None, RowError | None]:
    """The grid the row belongs to: planned once, however many rows name it, and the same each time."""
    item = plan.get(code)
    if item is None:
        existing = found.grids.get(code)
        error = _check_grid(number, found, existing, code, name, community)
        if error:
            return None, error
        item = plan[code] = PlannedGrid(code, name or existing.name, community, number, existing)
    elif item.community.pk != community.pk or (name and name != item.name):
        message = _("The grid “%(code)s” is “%(name)s” of “%(community)s” (first seen in row %(row)s).")
        return None, RowError(
            number, "grid_code", message % {"code": code, "name": item.name, "community": item.community.name, "row": item.row}
        )
    return item, None


def _check_grid(number: int, found: Found, existing, code: str, name: str, community) -> RowError | None:
    if existing is not None and existing.community_id != community.pk:
        message = _("The grid “%(code)s” belongs to the community “%(community)s”.")
        return RowError(number, "grid_code", message % {"code": code, "community": existing.community.name})
    if existing is not None and name and name != existing.name:
        message = _("The grid “%(code)s” is named “%(known)s”, not “%(name)s”.")
        return RowError(number, "grid_name", message % {"code": code, "known": existing.name, "name": name})
    if existing is None and not name:
        return RowError(number, "grid_name", _("No grid has the code “%(code)s”; give its name to create it.") % {"code": code})
    taken_by = found.grid_names.get((community.pk, name))
    if existing is None and taken_by is not None and taken_by != code:
        return RowError(number, "grid_name", _("“%(name)s” already exists there with another code.") % {"name": name})
    if existing is None:
        found.grid_names[(community.pk, name)] = code  # a second new grid may not take the name either
    return None


def _people(number: int, row: dict, found: Found) -> tuple[tuple | None, RowError | None]:
    """(worker, deputies) named on the row, None when it names nobody."""
    worker_name, deputy_names = row.get("worker", ""), _deputy_names(row)
    if not worker_name and not deputy_names:
        return None, None
    named = [("worker", worker_name)] if worker_name else []
    for column, name in named + [("deputies", name) for name in deputy_names]:
        if name not in found.people:
            message = _("No account has the mobile number or user name “%(who)s”.") % {"who": name}
            return None, RowError(number, column, message)
    worker = found.people.get(worker_name)
    deputies = tuple(dict.fromkeys(found.people[name] for name in deputy_names if found.people[name] != worker))
    return (worker, deputies), None


def _claim(number: int, found: Found, item: PlannedGrid, courtyard, building) -> RowError | None:
    """A place is covered by one grid: a courtyard whole, or a building alone, never by two grids of the file."""
    if building is None:
        keys = [("courtyard", courtyard.pk), ("in", courtyard.pk)]
        place, own = courtyard.name, ("courtyard", courtyard.pk)
    else:
        keys = [("courtyard", courtyard.pk), ("building", building.pk)]
        place, own = f"{courtyard.name}{building.name}", ("building", building.pk)
    for key in keys:
        rivals = {code: row for code, row in found.claims.get(key, {}).items() if code != item.code}
        if rivals:
            code, row = next(iter(rivals.items()))
            message = _("“%(place)s” is already covered by the grid “%(grid)s” in row %(row)s.")
            return RowError(number, "building_code" if building else "courtyard_code", message % {"place": place, "grid": code, "row": row})
    found.claims.setdefault(own, {}).setdefault(item.code, number)
    if building is None:
        item.courtyards[courtyard.pk] = courtyard
    else:
        found.claims.setdefault(("in", courtyard.pk), {}).setdefault(item.code, number)
        item.buildings[building.pk] = building
    return None


def _merge_people(number: int, item: PlannedGrid, people) -> RowError | None:
    if people is None:
        return None
    if item.people is None:
        item.people, item.people_row = people, number
        return None
    if item.people != people:
        message = _("The grid “%(code)s” has other people in row %(row)s; give them the same on every row, or only once.")
        return RowError(number, "worker", message % {"code": item.code, "row": item.people_row})
    return None


def _people_change(item: PlannedGrid) -> bool:
    if item.people is None:
        return False
    if item.existing is None:
        return True
    worker, deputies = item.people
    current = (item.existing.worker_id, {person.pk for person in item.existing.deputies.all()})
    return current != (worker.pk if worker else None, {person.pk for person in deputies})


def _check_people_permission(item: PlannedGrid, user) -> RowError | None:
    if not _people_change(item) or permissions.may_grant(user, Role.GRID_WORKER, item.community):
        return None
    return RowError(item.people_row, "worker", _("Only the district administrator gives the grid worker role."))
