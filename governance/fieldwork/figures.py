"""Grid figures 网格数据: per grid, per courtyard and per grid worker over a period, computed by the database.

Each listing is one query whose counts are correlated subqueries (or one GROUP BY beside it), so a
community of two grids and one of two hundred cost the same number of queries. Definitions:

- patrols: patrols that started in the period; per week = patrols / (days of the period / 7); the last
  weeks are the `LAST_WEEKS` calendar weeks (Monday first, local time) ending with the period's last day.
- courtyards not patrolled for N days: courtyards of the grid no patrol covered in the N days before the
  period's end (N = `STALE_DAYS` unless asked otherwise).
- events found: field events found in the period, and requests the grid filed (source 网格上报).
- resolved on the spot 就地解决: events so marked.
- resolved on time: events whose request was resolved by its judged deadline (the one definition,
  governance.requests.clock.ontime), and those resolved on the spot without a request.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from courtyards.models import Building, Courtyard, Grid
from governance.accounts.models import User
from governance.requests.choices import OPEN_STATUSES, Source
from governance.requests.clock.ontime import resolved_on_time_q
from governance.requests.models import Request
from governance.requests.workflow.rules import overdue_q

from . import selectors
from .models import FieldEvent, Patrol, PatrolCourtyard

STALE_DAYS = 7
LAST_WEEKS = 4
COUNTED = ("patrols", "events", "on_spot", "on_time", "grid_requests")


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) in the portal's time zone: `end` is inclusive."""
    zone = timezone.get_default_timezone()
    return datetime.combine(start, time.min, tzinfo=zone), datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)


def node_keys(node) -> dict:
    """The filter of the rows under a district, street, community or grid (each row carries these keys)."""
    return {f"{node.level}_id": node.pk}


def on_time_q() -> Q:
    return resolved_on_time_q("request__") | Q(resolved_on_spot=True, request__isnull=True)


def count_of(queryset) -> Coalesce:
    """COUNT(*) of `queryset` (correlated to the outer row) as a column: 0 where it has no row."""
    counted = queryset.order_by().annotate(group=Value(1)).values("group").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def courtyards_of_grid_q(grid, nested=None) -> Q:
    """Courtyards the grid covers whole, or some building of which it covers. `grid` is an id or an OuterRef;
    `nested` the same reference seen from inside the building subquery (one level deeper)."""
    buildings = Building.objects.filter(courtyard_id=OuterRef("pk"), grid_id=grid if nested is None else nested)
    return Q(grid_id=grid) | Q(Exists(buildings))


def _patrols(low: datetime, high: datetime, **keys):
    return Patrol.objects.filter(started_at__gte=low, started_at__lt=high, **keys)


def _events(low: datetime, high: datetime, **keys):
    return FieldEvent.objects.filter(created_at__gte=low, created_at__lt=high, **keys)


def _event_counts(low: datetime, high: datetime, **keys) -> dict:
    events = _events(low, high, **keys)
    return {
        "events": count_of(events),
        "on_spot": count_of(events.filter(resolved_on_spot=True)),
        "on_time": count_of(events.filter(on_time_q())),
    }


def _stale(courtyards, high: datetime, stale_days: int):
    recent = PatrolCourtyard.objects.filter(courtyard_id=OuterRef("pk"), patrol__started_at__gte=high - timedelta(days=stale_days))
    return courtyards.exclude(Exists(recent.filter(patrol__started_at__lt=high)))


def grid_annotations(start: date, end: date, stale_days: int = STALE_DAYS) -> dict:
    """The counts of each grid (the outer row) in the period, as annotations."""
    low, high = bounds(start, end)
    grid = OuterRef("pk")
    courtyards = Courtyard.objects.filter(courtyards_of_grid_q(grid, OuterRef(grid)))
    filed = Request.objects.filter(grid_id=grid, source=Source.GRID, created_at__gte=low, created_at__lt=high)
    return {
        "patrols": count_of(_patrols(low, high, grid_id=grid)),
        **_event_counts(low, high, grid_id=grid),
        "grid_requests": count_of(filed),
        "courtyard_count": count_of(courtyards),
        "stale_courtyards": count_of(_stale(courtyards, high, stale_days)),
    }


def weeks_of(end: date) -> list[date]:
    """The Mondays of the `LAST_WEEKS` weeks ending with the week of `end`, oldest first."""
    monday = end - timedelta(days=end.weekday())
    return [monday - timedelta(weeks=back) for back in range(LAST_WEEKS - 1, -1, -1)]


def weekly_patrols(*, node, end: date, by: str = "grid_id") -> dict[int, dict[date, int]]:
    """Patrols per week of the last weeks, per grid (or per `by`), under `node`: one GROUP BY."""
    low, high = bounds(weeks_of(end)[0], end)
    week = TruncWeek("started_at", tzinfo=timezone.get_default_timezone())
    rows = _patrols(low, high, **node_keys(node)).order_by().annotate(week=week).values(by, "week").annotate(n=Count("pk"))
    counts: dict[int, dict[date, int]] = {}
    for row in rows:
        counts.setdefault(row[by], {})[timezone.localdate(row["week"])] = row["n"]
    return counts


def per_week(patrols: int, start: date, end: date) -> float:
    return round(patrols / (((end - start).days + 1) / 7), 1)


def _annotate(queryset, counted: dict):
    """The counts as `n_<name>` columns: a bare name (`patrols`) may be a relation of the model."""
    return queryset.annotate(**{f"n_{name}": value for name, value in counted.items()})


def _counts(item, counted: dict) -> dict:
    return {name: getattr(item, f"n_{name}") for name in counted}


def _row(item, counted: dict, start: date, end: date, weekly: dict) -> dict:
    row = _counts(item, counted)
    row["per_week"] = per_week(row["patrols"], start, end)
    row["last_weeks"] = [weekly.get(item.pk, {}).get(monday, 0) for monday in weeks_of(end)]
    return row


def grid_rows(*, node, start: date, end: date, stale_days: int = STALE_DAYS) -> list[dict]:
    """Each grid under `node` with its figures (two queries, whatever the number of grids)."""
    counted = grid_annotations(start, end, stale_days)
    grids = Grid.objects.filter(**{f"{node.level}_id": node.pk} if node.level != "grid" else {"pk": node.pk})
    grids = _annotate(grids.select_related("worker", "community"), counted).order_by("community__name", "code")
    weekly = weekly_patrols(node=node, end=end)
    return [{"grid": grid, **_row(grid, counted, start, end, weekly)} for grid in grids]


def courtyard_rows(*, grid, start: date, end: date, stale_days: int = STALE_DAYS, courtyard=None) -> list[dict]:
    """Each courtyard of `grid` (or only `courtyard`): last patrol, patrols and events in the period, its open and
    overdue requests in the grid as they stand now, and whether it went unpatrolled for `stale_days` (one query)."""
    low, high = bounds(start, end)
    here = OuterRef("pk")
    requests = Request.objects.filter(courtyard_id=here, grid_id=grid.pk)
    last = PatrolCourtyard.objects.filter(courtyard_id=here).order_by().values("courtyard_id").annotate(last=Max("patrol__started_at"))
    counted = {
        "patrols": count_of(_patrols(low, high, covered__courtyard_id=here)),
        **_event_counts(low, high, courtyard_id=here, grid_id=grid.pk),
        "open_requests": count_of(requests.filter(status__in=OPEN_STATUSES)),
        "overdue_requests": count_of(requests.filter(overdue_q(timezone.now()))),
    }
    courtyards = _annotate(Courtyard.objects.filter(courtyards_of_grid_q(grid.pk)), counted).annotate(
        last_patrol=Subquery(last.values("last"))
    )
    if courtyard is not None:
        courtyards = courtyards.filter(pk=courtyard.pk)
    cutoff = high - timedelta(days=stale_days)
    return [
        {
            "courtyard": c,
            "last_patrol": c.last_patrol,
            "stale": not c.last_patrol or c.last_patrol < cutoff,
            **_counts(c, counted),
        }
        for c in courtyards.order_by("name")
    ]


def worker_rows(*, node, start: date, end: date) -> list[dict]:
    """Each person who patrolled or reported an event under `node` in the period, with their figures (two queries)."""
    low, high = bounds(start, end)
    keys, person = node_keys(node), OuterRef("pk")
    patrols, events = _patrols(low, high, **keys), _events(low, high, **keys)
    counted = {"patrols": count_of(patrols.filter(worker_id=person)), **_event_counts(low, high, reported_by_id=person, **keys)}
    people = User.objects.filter(Q(Exists(patrols.filter(worker_id=person))) | Q(Exists(events.filter(reported_by_id=person))))
    people = _annotate(people.only("display_name", "username"), counted).order_by("display_name", "pk")
    weekly = weekly_patrols(node=node, end=end, by="worker_id")
    return [{"worker": p, **_row(p, counted, start, end, weekly)} for p in people]


def totals(rows: list[dict], start: date, end: date) -> dict:
    """The sums of grid rows (already counted by the database), with the average per week of the sum."""
    keys = (*COUNTED, "courtyard_count", "stale_courtyards")
    summed = {key: sum(row.get(key, 0) for row in rows) for key in keys}
    summed["per_week"] = per_week(summed["patrols"], start, end)
    summed["last_weeks"] = [sum(week) for week in zip(*(row["last_weeks"] for row in rows), strict=True)] if rows else [0] * LAST_WEEKS
    return summed


def days_since_last_patrol(*, courtyards, today: date | None = None) -> dict[int, int | None]:
    """courtyard id -> whole days since its last patrol (None: never patrolled), for the courtyard map."""
    today = today or timezone.localdate()
    courtyards = list(courtyards)
    last = selectors.last_patrol_by_courtyard(courtyards=courtyards)
    return {c.pk: (today - timezone.localdate(last[c.pk])).days if c.pk in last else None for c in courtyards}


def grid_courtyards(*, grid):
    """The courtyards of `grid` (whole or by a building), for its map and lists."""
    return Courtyard.objects.filter(courtyards_of_grid_q(grid.pk)).order_by("name")


def courtyard_patrols(*, courtyard, start: date, end: date):
    """The patrols that covered `courtyard` in the period, latest first, with their worker."""
    low, high = bounds(start, end)
    return _patrols(low, high, covered__courtyard_id=courtyard.pk).select_related("worker").order_by("-started_at")


def courtyard_events(*, grid, courtyard, start: date, end: date):
    """The events the grid found in `courtyard` in the period, latest first, with the request each became."""
    low, high = bounds(start, end)
    return _events(low, high, courtyard_id=courtyard.pk, grid_id=grid.pk).select_related("request").order_by("-created_at")
