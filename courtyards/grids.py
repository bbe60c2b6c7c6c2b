"""Writes to the grids (网格): what each covers and who works it.

A grid covers whole courtyards, or single buildings of a courtyard split between grids. Its key is
copied onto every row placed there (requests, activities, patrols, households ...), so "everything in
this grid" is one indexed filter, as for the levels of the tree. Changing what a grid covers rewrites
those keys with one UPDATE per registered model and place, through the same walk as `node_move`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.accounts import services as account_services
from governance.accounts.choices import Role, ScopeLevel
from governance.accounts.models import RoleAssignment

from .models import Building, Community, Courtyard, Grid
from .services import tree_rows_rewrite


@transaction.atomic
def grid_create(*, community: Community, name: str, code: str, worker=None, deputies=(), courtyards=(), buildings=(), by=None) -> Grid:
    grid = Grid(name=name, code=code, community=community, street_id=community.street_id, district_id=community.district_id)
    grid.full_clean()
    grid.save()
    grid_coverage_set(grid=grid, courtyards=courtyards, buildings=buildings)
    grid_people_set(grid=grid, worker=worker, deputies=deputies, by=by)
    return grid


@transaction.atomic
def grid_coverage_set(*, grid: Grid, courtyards=(), buildings=()) -> int:
    """Make `grid` cover exactly these courtyards (whole) and buildings; returns how many places changed grid.

    Only the places whose grid changes are rewritten, so a building another grid took out of a
    courtyard stays there when this grid is saved again."""
    courtyards, buildings = list(courtyards), list(buildings)
    _check_in_community(grid, courtyards + buildings)
    changed = _cover(Courtyard.objects.all(), grid, courtyards)
    # A building counts here only where the grid takes it alone, not as part of a courtyard it covers.
    changed += _cover(Building.objects.exclude(courtyard__grid=grid), grid, buildings)
    return len(changed)


def _check_in_community(grid: Grid, places) -> None:
    strangers = [place.name for place in places if place.community_id != grid.community_id]
    if strangers:
        raise ValidationError(_("A grid covers places of its own community only: %(places)s.") % {"places": "、".join(strangers)})


def _cover(candidates, grid: Grid, places) -> list:
    """Give `places` the grid and take it from the other `candidates` it had; each changed place hands its key down."""
    wanted = {place.pk for place in places}
    leaving = candidates.select_for_update(of=("self",)).filter(grid=grid).exclude(pk__in=wanted)
    joining = candidates.select_for_update(of=("self",)).filter(pk__in=wanted).exclude(grid=grid)
    changed = [(place, None) for place in leaving] + [(place, grid.pk) for place in joining]
    for place, grid_id in changed:
        place.grid_id = grid_id
        place.save(update_fields=["grid"])
        tree_rows_rewrite(node=place)
    return changed


@transaction.atomic
def grid_people_set(*, grid: Grid, worker=None, deputies=(), by=None) -> Grid:
    """The grid worker and deputies: each holds the grid worker role on this grid, given through the role service."""
    people = {person.pk: person for person in [worker, *deputies] if person is not None}
    held = RoleAssignment.objects.filter(role=Role.GRID_WORKER, level=ScopeLevel.GRID, grid=grid).select_related("user")
    for assignment in held:
        if assignment.user_id not in people:
            account_services.role_revoke(assignment=assignment, revoked_by=by)
    for person in people.values():
        account_services.role_grant(user=person, role=Role.GRID_WORKER, node=grid, granted_by=by)
    grid.worker = worker
    grid.save(update_fields=["worker"])
    grid.deputies.set([person for person in deputies if person is not None and person != worker])
    return grid
