"""Writes of grid work: a patrol 巡查 and a household visit 入户走访, each logged in one transaction.

The phone keeps a draft and submits it with its idempotency key, maybe twice on a weak signal: the
same key returns the row the first submit made (as `activities.services.activity_log` does). Every
place named must lie in the worker's grid, which the permission module decides; out of it, nothing
is written and the worker reads why.
"""

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courtyards import services as tree_services
from courtyards.models import Courtyard, Grid, Household, Unit
from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.activities.photos import photo_clean
from governance.core import node_cache

from . import selectors
from .choices import PatrolCheck, VisitPurpose
from .models import Patrol, PatrolCourtyard, PatrolPhoto, Visit

MAX_PHOTOS = 6
MAX_ROUTE_POINTS = 2000


def _already(model, idempotency_key: UUID, worker):
    """The row a first submit with this key made, if any; someone else's key is refused."""
    existing = model.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None and existing.worker_id != worker.pk:
        raise ValidationError(_("This form was already used by someone else. Reload the page."))
    return existing


def _in_grid(worker, grid: Grid) -> None:
    if not permissions.can(worker, Action.FIELD, grid):
        raise PermissionDenied(_("You do not work in this grid."))


def _saved_once(model, idempotency_key: UUID, worker, save):
    """Run `save` in a savepoint; a concurrent resubmission that won the race on the key is answered with its row."""
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:
        existing = _already(model, idempotency_key, worker)
        if existing is None:
            raise
        return existing


def patrol_log(
    *,
    worker,
    grid: Grid,
    started_at: datetime,
    ended_at: datetime | None = None,
    courtyards=(),
    checks=(),
    note: str = "",
    route=None,
    photos=(),
    idempotency_key: UUID,
) -> Patrol:
    """A grid worker logs a patrol of courtyards of their grid. The same key returns the patrol already logged."""
    existing = _already(Patrol, idempotency_key, worker)
    if existing is not None:
        return existing
    _in_grid(worker, grid)
    courtyards = _patrol_courtyards(grid, courtyards)
    cleaned = [photo_clean(upload) for upload in photos[:MAX_PHOTOS]]  # before anything is written
    patrol = Patrol(
        idempotency_key=idempotency_key,
        worker=worker,
        grid=grid,
        community_id=grid.community_id,
        street_id=grid.street_id,
        district_id=grid.district_id,
        started_at=started_at,
        ended_at=ended_at or started_at,
        checks=_checks(checks),
        note=note.strip(),
        route=route_clean(route),
    )
    patrol.full_clean(exclude=["idempotency_key"])
    return _saved_once(Patrol, idempotency_key, worker, lambda: _patrol_save(patrol, courtyards, cleaned))


def _patrol_courtyards(grid: Grid, courtyards) -> list[Courtyard]:
    courtyards = list(courtyards)
    if not courtyards:
        raise ValidationError(_("Tick the courtyards you patrolled."))
    allowed = set(selectors.grid_courtyards(grid=grid).values_list("pk", flat=True))
    strangers = [courtyard.name for courtyard in courtyards if courtyard.pk not in allowed]
    if strangers:
        raise ValidationError(_("Not in your grid: %(places)s.") % {"places": "、".join(strangers)})
    return courtyards


def _checks(checks) -> list[str]:
    unknown = set(checks) - set(PatrolCheck.values)
    if unknown:
        raise ValidationError(_("Unknown check: %(codes)s.") % {"codes": ", ".join(sorted(unknown))})
    return [code for code in PatrolCheck.values if code in set(checks)]  # the checklist's order, once each


def route_clean(route) -> list:
    """[[lat, lon, iso time], ...] from the phone, kept only when each point is a plausible position."""
    points = []
    for point in (route or [])[:MAX_ROUTE_POINTS]:
        try:
            lat, lon, at = float(point[0]), float(point[1]), str(point[2])[:40]
        except (TypeError, ValueError, IndexError):
            raise ValidationError(_("The route from the phone could not be read.")) from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValidationError(_("The route from the phone could not be read."))
        points.append([round(lat, 6), round(lon, 6), at])
    return points


def _patrol_save(patrol: Patrol, courtyards: list[Courtyard], photos) -> Patrol:
    patrol.save()
    PatrolCourtyard.objects.bulk_create(
        PatrolCourtyard(patrol=patrol, **tree_services.ancestor_values(PatrolCourtyard, courtyard), courtyard=courtyard)
        for courtyard in courtyards
    )
    for content in photos:
        photo = PatrolPhoto(patrol=patrol)
        photo.image.save("photo.jpg", content, save=False)
        photo.save()
    # The grid's and its places' dashboards count patrols: forget their cached figures once this commits.
    node_cache.nodes_changed({level: getattr(patrol, f"{level}_id") for level in ("district", "street", "community", "grid")})
    return patrol


def visit_log(
    *,
    worker,
    grid: Grid,
    visited_at: datetime,
    household: Household | None = None,
    unit: Unit | None = None,
    room: str = "",
    purpose: str = VisitPurpose.ROUTINE,
    findings: str = "",
    follow_up: str = "",
    follow_up_due: date | None = None,
    idempotency_key: UUID,
) -> Visit:
    """A grid worker logs a visit to a household of their grid (given, or as unit and room: made if new)."""
    existing = _already(Visit, idempotency_key, worker)
    if existing is not None:
        return existing
    _in_grid(worker, grid)
    unit = household.unit if household is not None else unit
    if unit is None or (household is None and not room.strip()):
        raise ValidationError(_("Choose the household you visited."))
    if unit.grid_id != grid.pk:  # the unit's key: a household made before its grid was drawn may lack its own
        raise ValidationError(_("Not in your grid: %(places)s.") % {"places": unit.address})
    visit = Visit(
        idempotency_key=idempotency_key,
        worker=worker,
        visited_at=visited_at,
        purpose=purpose,
        findings=findings.strip(),
        follow_up=follow_up.strip(),
        follow_up_due=follow_up_due,
        **tree_services.ancestor_values(Visit, unit),
    )
    visit.full_clean(exclude=["idempotency_key", "household"])

    def save() -> Visit:
        visit.household = household or tree_services.household_get_or_create(unit=unit, room=room)
        visit.save()
        return visit

    return _saved_once(Visit, idempotency_key, worker, save)
