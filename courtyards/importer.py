"""Bulk import of the territory tree from CSV or XLSX.

One row is one path down the tree, from the district to as deep as the row goes:
``district_code, district_name, street_code, street_name, community_code, community_name,
community_kind, courtyard_code, courtyard_name, courtyard_kind, building_code, building_name,
unit_code, unit_name`` (Chinese headers such as 区编码, 街道名称 are accepted too), and optionally
``courtyard_latitude, courtyard_longitude, building_latitude, building_longitude`` (院落纬度, 院落经度,
楼栋纬度, 楼栋经度; decimal degrees). A node already in the database is named by its code alone;
coordinates given for it locate it anew. The whole file is checked first and
every problem reported with its row number; only a file without problems is written, in
one transaction, so a bad file changes nothing.
"""

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.core.text import MESSAGE, control_character

from .choices import CommunityKind, CourtyardKind, Level
from .models import NODE_MODELS
from .services import node_create, node_locate

LEVELS = [Level.DISTRICT, Level.STREET, Level.COMMUNITY, Level.COURTYARD, Level.BUILDING, Level.UNIT]
KIND_CHOICES = {Level.COMMUNITY: CommunityKind, Level.COURTYARD: CourtyardKind}
CHINESE_LEVEL = {
    "区": Level.DISTRICT,
    "街道": Level.STREET,
    "社区": Level.COMMUNITY,
    "院落": Level.COURTYARD,
    "楼栋": Level.BUILDING,
    "单元": Level.UNIT,
}
CHINESE_PART = {"编码": "code", "名称": "name", "类型": "kind", "纬度": "latitude", "经度": "longitude"}
LOCATED_LEVELS = {Level.COURTYARD, Level.BUILDING}
MICRODEGREE = Decimal("0.000001")
CODE_RE = re.compile(r"^[-a-zA-Z0-9_]{1,40}$")
MAX_ROWS = 50_000


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("row %(row)s") % {"row": self.row}
        return f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class TreeImportError(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass
class Planned:
    level: str
    code: str
    name: str
    parent_code: str | None
    kind: str
    row: int
    location: tuple | None = None


@dataclass
class ImportSummary:
    created: Counter = field(default_factory=Counter)
    rows: int = 0
    located: int = 0


def normalise_header(header: str) -> str:
    header = (header or "").strip().lower()
    for chinese, level in CHINESE_LEVEL.items():
        for chinese_part, part in CHINESE_PART.items():
            if header == f"{chinese}{chinese_part}":
                return f"{level}_{part}"
    return header


def tree_rows_read(*, data: bytes, filename: str, required=("district_code",), normalise=normalise_header) -> list[dict]:
    """Rows of a CSV (UTF-8, with or without BOM) or XLSX file, keyed by normalised header (households read theirs too)."""
    try:
        if filename.lower().endswith(".xlsx"):
            table = _xlsx_table(data)
        else:
            table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    except (UnicodeDecodeError, csv.Error, ValueError, KeyError, OSError) as error:
        raise TreeImportError(
            [RowError(0, "", _("The file cannot be read as CSV (UTF-8) or XLSX: %(error)s") % {"error": error})]
        ) from None
    if not table:
        raise TreeImportError([RowError(1, "", _("The file is empty."))])
    headers = [normalise(str(h) if h is not None else "") for h in table[0]]
    missing = [c for c in required if c not in headers]
    if missing:
        raise TreeImportError([RowError(1, "", _("Missing column: %(columns)s") % {"columns": ", ".join(missing)})])
    rows = []
    for cells in table[1 : MAX_ROWS + 2]:
        values = ["" if c is None else str(c).strip() for c in cells]
        rows.append({h: (values[i] if i < len(values) else "") for i, h in enumerate(headers) if h})
    if len(table) - 1 > MAX_ROWS:
        raise TreeImportError([RowError(MAX_ROWS + 2, "", _("At most %(max)s rows per file.") % {"max": MAX_ROWS})])
    return rows


def _xlsx_table(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValueError(str(error)) from None
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True) if any(cell not in (None, "") for cell in row)]


def tree_import(*, rows: list[dict], user=None) -> ImportSummary:
    """Check every row, then create every new node; raises TreeImportError and writes nothing on any problem."""
    plan, errors = _plan(rows, user)
    if errors:
        raise TreeImportError(errors)
    summary = ImportSummary(rows=len(rows))
    with transaction.atomic():
        made: dict[tuple[str, str], object] = {}
        for level in LEVELS:
            model = NODE_MODELS[level]
            for item in plan[level].values():
                if item is None:
                    continue
                parent = _node(made, LEVELS[LEVELS.index(level) - 1], item.parent_code) if item.parent_code else None
                extra = {"kind": item.kind} if level in KIND_CHOICES else {}
                if item.location:
                    extra["latitude"], extra["longitude"] = item.location
                made[(level, item.code)] = node_create(level=level, name=item.name, code=item.code, parent=parent, **extra)
                summary.created[model._meta.verbose_name_plural] += 1
        for (level, code), (latitude, longitude) in plan["located"].items():
            node_locate(node=_node(made, level, code), latitude=latitude, longitude=longitude)
            summary.located += 1
    return summary


def _node(made: dict, level: str, code: str):
    if (level, code) not in made:
        made[(level, code)] = NODE_MODELS[level].objects.get(code=code)
    return made[(level, code)]


def _plan(rows: list[dict], user) -> tuple[dict, list[RowError]]:
    """level -> code -> Planned (new node) or None (existing node named by code)."""
    existing = _existing_nodes(rows)
    plan: dict[str, dict] = {level: {} for level in LEVELS}
    plan["located"] = {}  # (level, code) -> (latitude, longitude) for existing nodes located anew
    errors: list[RowError] = []
    if not rows:
        errors.append(RowError(2, "", _("The file has a header but no rows.")))
    for number, row in enumerate(rows, start=2):
        errors.extend(_check_row(number, row, existing, plan, user))
    errors.extend(_check_sibling_names(plan, existing))
    return plan, errors


def _existing_nodes(rows: list[dict]) -> dict[str, dict[str, dict]]:
    """level -> code -> {name, parent_code, node} for every code the file mentions."""
    found = {}
    for level in LEVELS:
        model = NODE_MODELS[level]
        codes = {row.get(f"{level}_code", "") for row in rows} - {""}
        query = model.objects.filter(code__in=codes)
        if model.parent_field:
            query = query.select_related(model.parent_field)
        found[level] = {
            node.code: {"name": node.name, "parent_code": node.parent.code if node.parent else None, "node": node} for node in query
        }
    return found


def _check_row(number: int, row: dict, existing, plan, user) -> list[RowError]:
    """Walk the row down the tree, level by level, stopping at its first problem."""
    parent_code = None
    deepest_existing = None
    for index, level in enumerate(LEVELS):
        code, name = row.get(f"{level}_code", ""), row.get(f"{level}_name", "")
        if not code and not name:
            errors = _check_nothing_deeper(number, row, index)
            if errors:
                return errors
            break
        error = _check_cells(number, row, level, code, name)
        location, location_error = _location(number, row, level)
        if error or location_error:
            return [error or location_error]
        known = existing[level].get(code)
        error = (
            _check_known(number, level, code, name, parent_code, known) or _plan_located(number, plan, level, known, location, user)
            if known
            else _plan_new(number, row, plan, level, code, name, parent_code, location)
        )
        if error:
            return [error]
        if known:
            deepest_existing = known["node"]
            plan[level].setdefault(code, None)
        parent_code = code
    return _check_permission(number, user, deepest_existing, row) if user is not None else []


def _label(level: str) -> str:
    return NODE_MODELS[level]._meta.verbose_name


def _check_nothing_deeper(number: int, row: dict, index: int) -> list[RowError]:
    """A level left empty: nothing may follow it."""
    level = LEVELS[index]
    deeper = [lvl for lvl in LEVELS[index + 1 :] if row.get(f"{lvl}_code") or row.get(f"{lvl}_name")]
    if not deeper:
        return []
    message = _("A %(level)s is required before a %(deeper)s.") % {"level": _label(level), "deeper": _label(deeper[0])}
    return [RowError(number, f"{level}_code", message)]


def _check_cells(number: int, row: dict, level: str, code: str, name: str) -> RowError | None:
    if not CODE_RE.match(code):
        return RowError(number, f"{level}_code", _("“%(code)s” is not a valid code: use 1-40 letters, digits, - or _.") % {"code": code})
    if len(name) > 100:
        return RowError(number, f"{level}_name", _("The name is longer than 100 characters."))
    if control_character(name):
        return RowError(number, f"{level}_name", str(MESSAGE % {"code": control_character(name)}))
    _kind_value, kind_error = _kind(level, row.get(f"{level}_kind", ""))
    return RowError(number, f"{level}_kind", kind_error) if kind_error else None


def _check_known(number: int, level: str, code: str, name: str, parent_code, known: dict) -> RowError | None:
    """A node already in the portal: the row may name it by code, but not rename or move it."""
    problem = _conflict(_label(level), code, name, parent_code, known["name"], known["parent_code"])
    return RowError(number, f"{level}_code", problem) if problem else None


def _location(number: int, row: dict, level: str) -> tuple[tuple | None, RowError | None]:
    """(latitude, longitude) in decimal degrees from the optional columns, or None when both are empty."""
    raw = (row.get(f"{level}_latitude", ""), row.get(f"{level}_longitude", ""))
    if level not in LOCATED_LEVELS or raw == ("", ""):
        return None, None
    try:
        latitude, longitude = (Decimal(value).quantize(MICRODEGREE) for value in raw)
    except (InvalidOperation, ValueError):
        latitude = longitude = None
    if latitude is None or not (latitude.is_finite() and longitude.is_finite()) or abs(latitude) > 90 or abs(longitude) > 180:
        message = _("Give both latitude (-90 to 90) and longitude (-180 to 180) in decimal degrees, or neither.")
        return None, RowError(number, f"{level}_latitude", message)
    return (latitude, longitude), None


def _plan_located(number: int, plan, level: str, known: dict, location, user) -> RowError | None:
    """New coordinates for a node already in the portal, by someone who may manage it."""
    node = known["node"]
    if location is None or location == (node.latitude, node.longitude):
        return None
    if user is not None and not permissions.can(user, Action.MANAGE, node):
        return RowError(number, f"{level}_latitude", _("You may not locate “%(name)s”.") % {"name": node.name})
    plan["located"][(level, node.code)] = location
    return None


def _plan_new(number: int, row: dict, plan, level: str, code: str, name: str, parent_code, location=None) -> RowError | None:
    """A node to create, once, however many rows pass through it."""
    if not name:
        message = _("No %(level)s has the code “%(code)s”; give its name to create it.") % {"level": _label(level), "code": code}
        return RowError(number, f"{level}_name", message)
    previous = plan[level].get(code)
    if previous is None:
        kind, _kind_error = _kind(level, row.get(f"{level}_kind", ""))
        plan[level][code] = Planned(level, code, name, parent_code, kind, number, location)
        return None
    problem = _conflict(_label(level), code, name, parent_code, previous.name, previous.parent_code)
    if problem:
        return RowError(number, f"{level}_code", problem + " " + _("(first seen in row %(row)s)") % {"row": previous.row})
    return None


def _kind(level: str, value: str) -> tuple[str, str]:
    choices = KIND_CHOICES.get(level)
    if choices is None or not value:
        return (choices.values[0] if choices else ""), ""
    for choice_value, choice_label in choices.choices:
        if value in (choice_value, str(choice_label)) or str(choice_label).startswith(value):
            return choice_value, ""
    allowed = "、".join(str(label) for label in choices.labels)
    return "", _("“%(value)s” is not a known kind; use one of: %(allowed)s.") % {"value": value, "allowed": allowed}


def _conflict(label, code, name, parent_code, known_name, known_parent) -> str:
    if name and name != known_name:
        return _("The %(level)s “%(code)s” is named “%(known)s”, not “%(name)s”.") % {
            "level": label,
            "code": code,
            "known": known_name,
            "name": name,
        }
    if parent_code != known_parent:
        return _("The %(level)s “%(code)s” belongs under “%(known)s”, not “%(parent)s”.") % {
            "level": label,
            "code": code,
            "known": known_parent or "-",
            "parent": parent_code or "-",
        }
    return ""


def _check_permission(number: int, user, deepest_existing, row) -> list[RowError]:
    if deepest_existing is None:
        if user.is_superuser:
            return []
        return [RowError(number, "district_code", _("Only a system administrator can create a new district."))]
    if permissions.can(user, Action.MANAGE, deepest_existing):
        return []
    return [
        RowError(number, f"{deepest_existing.level}_code", _("You may not add places under “%(name)s”.") % {"name": deepest_existing.name})
    ]


def _check_sibling_names(plan, existing) -> list[RowError]:
    """Names are unique under one parent: a new node may not take a sibling's name."""
    errors = []
    for level in LEVELS:
        model = NODE_MODELS[level]
        new = [item for item in plan[level].values() if item is not None]
        seen: dict[tuple, Planned] = {}
        for item in new:
            key = (item.parent_code, item.name)
            if key in seen:
                errors.append(
                    RowError(
                        item.row,
                        f"{level}_name",
                        _("Row %(row)s already creates “%(name)s” under the same parent.") % {"row": seen[key].row, "name": item.name},
                    )
                )
            seen[key] = item
        if not model.parent_field or not new:
            continue
        parent_codes = {item.parent_code for item in new}
        taken = set(
            model.objects.filter(**{f"{model.parent_field}__code__in": parent_codes}).values_list(f"{model.parent_field}__code", "name")
        )
        for item in new:
            if (item.parent_code, item.name) in taken:
                errors.append(
                    RowError(item.row, f"{level}_name", _("“%(name)s” already exists there with another code.") % {"name": item.name})
                )
    return sorted(errors, key=lambda error: error.row)
