"""Reads of "my grid" 我的网格: a grid worker's day on one page, each part one query whatever the grid holds."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from courtyards.models import Building, Courtyard, Grid, Household
from governance.accounts import permissions
from governance.accounts.choices import Role, ScopeLevel
from governance.activities.models import SpecialFamily
from governance.core.privacy import mask_name
from governance.requests.choices import OPEN_STATUSES
from governance.requests.models import Request
from governance.requests.workflow.rules import overdue_q

from .models import FieldEvent, Visit
from .selectors import last_patrol_by_courtyard

# A courtyard not patrolled for this long is on today's list.
PATROL_DUE_AFTER = timedelta(days=7)
# A follow-up past its date stays on the list this long, unless the household was visited again.
FOLLOW_UP_WINDOW = timedelta(days=14)
LIST_LIMIT = 20


def grid_ids_of(user) -> list[int]:
    """The grids `user` works as grid worker or deputy: the role held on the grid itself (read once per user)."""
    return sorted(node for role, level, node in permissions.assignments(user) if role == Role.GRID_WORKER and level == ScopeLevel.GRID)


def works_a_grid(user) -> bool:
    return bool(grid_ids_of(user))


def grids_of(*, user) -> QuerySet[Grid]:
    return Grid.objects.filter(pk__in=grid_ids_of(user)).select_related("community").order_by("name")


def assigned_to(*, user) -> QuerySet[Request]:
    """Open requests assigned to `user`, the oldest deadline first."""
    mine = Request.objects.filter(assignee=user, status__in=OPEN_STATUSES).select_related("category", "courtyard")
    return permissions.visible(user, mine).order_by("resolve_due_at")[:LIST_LIMIT]


def follow_ups_due(*, user, today=None) -> QuerySet[Visit]:
    """The worker's visits whose follow-up is due by today (within the window), unless the household was visited since."""
    today = today or timezone.localdate()
    later = Visit.objects.filter(household_id=OuterRef("household_id"), visited_at__gt=OuterRef("visited_at"))
    due = Visit.objects.filter(worker=user, follow_up_due__lte=today, follow_up_due__gte=today - FOLLOW_UP_WINDOW)
    return due.filter(~Exists(later)).select_related("household__unit__building", "courtyard").order_by("follow_up_due")[:LIST_LIMIT]


@dataclass(frozen=True)
class CourtyardPatrol:
    courtyard: Courtyard
    last: object  # the start of its latest patrol, or None
    due: bool


def courtyard_patrols(*, grid_ids, now=None) -> list[CourtyardPatrol]:
    """Each courtyard of the grids with its last patrol; due when never patrolled or not for PATROL_DUE_AFTER."""
    now = now or timezone.now()
    courtyards = list(_courtyards_in(grid_ids).order_by("name"))
    last = last_patrol_by_courtyard(courtyards=courtyards)
    rows = [CourtyardPatrol(c, last.get(c.pk), last.get(c.pk) is None or now - last[c.pk] >= PATROL_DUE_AFTER) for c in courtyards]
    return sorted(rows, key=lambda row: (not row.due, row.courtyard.name))


def _courtyards_in(grid_ids) -> QuerySet[Courtyard]:
    """The courtyards a grid covers whole, and those it covers some buildings of."""
    return Courtyard.objects.filter(
        Q(grid_id__in=grid_ids) | Q(pk__in=Building.objects.filter(grid_id__in=grid_ids).values("courtyard_id"))
    )


def request_counts(*, grid_ids, now=None) -> dict:
    """Open and overdue requests placed in the grids (one aggregate query)."""
    now = now or timezone.now()
    rows = Request.objects.filter(grid_id__in=grid_ids, status__in=OPEN_STATUSES)
    return rows.aggregate(open=Count("pk"), overdue=Count("pk", filter=overdue_q(now)))


def event_counts(*, grid_ids, now=None) -> dict:
    """Events found in the grids this week (since Monday) and of them resolved on the spot (one query)."""
    now = timezone.localtime(now or timezone.now())
    monday = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    rows = FieldEvent.objects.filter(grid_id__in=grid_ids, created_at__gte=monday)
    return rows.aggregate(week=Count("pk"), on_spot=Count("pk", filter=Q(resolved_on_spot=True)))


def buildings_with_households(*, grid_ids) -> QuerySet[Building]:
    """The grids' buildings, each with how many households it holds (one query)."""
    households = Count("units__households", distinct=True)
    buildings = Building.objects.filter(grid_id__in=grid_ids).select_related("courtyard")
    return buildings.annotate(household_count=households).order_by("courtyard__name", "name")


def household_count(*, grid_ids) -> int:
    return Household.objects.filter(grid_id__in=grid_ids).count()


@dataclass(frozen=True)
class FamilyRow:
    code: str
    name: str  # masked: 张** (the worker sees the case file's page for more, if granted)
    reason: str
    courtyard: str


def special_families(*, user) -> list[FamilyRow]:
    """Special families whose case file `user` is granted (django-guardian) or assigned; names masked on this page."""
    families = permissions.visible(user, SpecialFamily.objects.select_related("courtyard")).order_by("head_name")[:LIST_LIMIT]
    return [
        FamilyRow(str(f.code), mask_name(f.head_name), f.get_reason_display(), f.courtyard.name if f.courtyard else "") for f in families
    ]


def event_places(*, grid_ids, extra=None) -> dict:
    """key -> (label, node): the grids' courtyards and their buildings an event can be filed at (two queries),
    plus `extra` (a visited household's unit) first."""
    places = {}
    if extra is not None:
        places[place_key(extra)] = (extra.name, extra)
    for courtyard in _courtyards_in(grid_ids).order_by("name"):
        places[place_key(courtyard)] = (courtyard.name, courtyard)
    for building in Building.objects.filter(grid_id__in=grid_ids).select_related("courtyard").order_by("courtyard__name", "name"):
        places[place_key(building)] = (f"{building.courtyard.name} {building.name}", building)
    return places


def place_key(node) -> str:
    return f"{node.level}:{node.code}"
