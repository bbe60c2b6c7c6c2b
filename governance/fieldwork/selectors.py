"""Reads of grid work: patrols, visits, and when each courtyard was last patrolled."""

from datetime import datetime

from django.db.models import Max, Prefetch, Q, QuerySet

from courtyards.models import Courtyard, Grid, Household, Unit
from governance.accounts import permissions
from governance.accounts.permissions import Action

from .models import Patrol, PatrolCourtyard, Visit


def last_patrol_by_courtyard(*, courtyards) -> dict[int, datetime]:
    """courtyard id -> start of its latest patrol, for the courtyards ever patrolled (one aggregate query)."""
    ids = [getattr(courtyard, "pk", courtyard) for courtyard in courtyards]
    rows = PatrolCourtyard.objects.filter(courtyard_id__in=ids).values("courtyard_id").annotate(last=Max("patrol__started_at"))
    return {row["courtyard_id"]: row["last"] for row in rows.order_by()}


def grid_courtyards(*, grid: Grid) -> QuerySet[Courtyard]:
    """The courtyards a grid covers, whole or by some of their buildings."""
    return Courtyard.objects.filter(Q(grid=grid) | Q(buildings__grid=grid)).distinct().order_by("name")


def grids_worked(*, user) -> QuerySet[Grid]:
    """The grids where `user` may log field work: their own grid, or every grid of their community for its staff."""
    return permissions.visible(user, Grid.objects.select_related("community"), Action.FIELD).order_by("code")


def logs_field_work(user) -> bool:
    """Has a grid to log a patrol or a visit in: the logging pages' gate and their links' (asked once per user object,
    as a page's header and body both ask it)."""
    cached = getattr(user, "_logs_field_work", None)
    if cached is None:
        cached = user._logs_field_work = permissions.is_staff_member(user) and grids_worked(user=user).exists()
    return cached


def patrol_list(*, user) -> QuerySet[Patrol]:
    """The patrols `user` may see, newest first, with their courtyards (one more query for them all)."""
    queryset = Patrol.objects.select_related("worker", "grid").prefetch_related(
        Prefetch("covered", queryset=PatrolCourtyard.objects.select_related("courtyard").order_by("courtyard__name"))
    )
    return permissions.visible(user, queryset, Action.VIEW).order_by("-started_at", "-pk")


def visit_list(*, user) -> QuerySet[Visit]:
    queryset = Visit.objects.select_related("worker", "grid", "household__unit__building", "courtyard")
    return permissions.visible(user, queryset, Action.VIEW).order_by("-visited_at", "-pk")


def patrol_for(*, user, code) -> Patrol:
    return permissions.get_or_404(user, patrol_list(user=user), Action.VIEW, code=code)


def visit_for(*, user, code) -> Visit:
    return permissions.get_or_404(user, visit_list(user=user), Action.VIEW, code=code)


def grid_units(*, grid: Grid) -> QuerySet[Unit]:
    """The units of a grid, building by building: the visit form's first choice."""
    return Unit.objects.filter(grid=grid).select_related("building", "courtyard").order_by("courtyard__name", "building__name", "name")


def grid_households_search(*, grid: Grid, text: str, limit: int = 20) -> QuerySet[Household]:
    """Households of a grid whose room, unit or building matches `text` (a worker types "301" or "2栋")."""
    text = text.strip()
    if not text:
        return Household.objects.none()
    match = Q(room__icontains=text) | Q(unit__name__icontains=text) | Q(unit__building__name__icontains=text)
    queryset = Household.objects.filter(match, unit__grid=grid).select_related("unit__building", "courtyard")
    return queryset.order_by("courtyard__name", "unit__building__name", "unit__name", "room")[:limit]
