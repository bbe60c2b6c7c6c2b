"""The figures of every section of a dashboard or report, computed by the database.

One function per section, each taking (node, start, end) with `end` inclusive and
returning a `Section`. `request_figures` is complete (aggregates over Request).
The activity, body (committees and associations) and alliance sections are the
interface the other apps' selectors plug into when their branches are merged: until
then they return the same shape with zeros and `available=False`, so pages, workbooks
and PDFs keep one layout. Each function runs a fixed number of queries, whatever the rows.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Aggregate, Avg, Count, F, FloatField, Func, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.requests.choices import OPEN_STATUSES, Status
from governance.requests.models import Request

from . import periods


@dataclass
class Figure:
    key: str
    label: str
    value: int | float | None
    percent: bool = False  # a share 0..1, shown as a percentage


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[tuple[str, int]]


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure]
    trend_label: str
    trend: list[tuple[date, int | float]]
    breakdowns: list[Breakdown] = field(default_factory=list)
    available: bool = True

    def value(self, key: str):
        return next(f.value for f in self.figures if f.key == key)


class Median(Aggregate):
    """PostgreSQL's exact median."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _hours(expression) -> Func:
    return Func(expression, template="EXTRACT(EPOCH FROM %(expressions)s) / 3600.0", output_field=FloatField())


def node_filter(node) -> Q:
    """Rows under `node`, by the denormalised ancestor key of its level."""
    return Q(**{f"{node.level}_id": node.pk})


def _ratio(part, whole):
    return round(part / whole, 4) if whole else None


def requests_in(node, start: date, end: date):
    low, high = periods.bounds(start, end)
    return Request.objects.filter(node_filter(node), created_at__gte=low, created_at__lt=high)


def overdue_q(now) -> Q:
    """Open and past a deadline: not accepted in time, or not resolved in time."""
    late_to_accept = Q(accepted_at__isnull=True, accept_due_at__lt=now)
    return Q(status__in=OPEN_STATUSES) & (Q(resolve_due_at__lt=now) | late_to_accept)


def request_totals(queryset) -> dict:
    """The cohort's counts in one query: requests submitted in the period, as they stand now."""
    now = timezone.now()
    return queryset.aggregate(
        submitted=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=overdue_q(now)),
        resolved=Count("pk", filter=Q(resolved_at__isnull=False)),
        resolved_on_time=Count("pk", filter=Q(resolved_at__isnull=False, resolved_at__lte=F("resolve_due_at"))),
        accepted_on_time=Count("pk", filter=Q(accepted_at__isnull=False, accepted_at__lte=F("accept_due_at"))),
        rated=Count("pk", filter=Q(rating__isnull=False)),
        satisfied=Count("pk", filter=Q(rating__gte=4)),
        supervised=Count("pk", filter=Q(supervised=True)),
        mean_rating=Avg("rating"),
        median_hours=Median(_hours(F("resolved_at") - F("created_at")), filter=Q(resolved_at__isnull=False)),
    )


def three_rates(totals: dict) -> dict:
    """三率, computed here from Request (the public statistics of issue 3 compute the same on their branch):
    response rate = accepted within the deadline / submitted; resolution rate = resolved within the
    deadline / submitted; satisfaction rate = ratings of 4-5 / rated. None when the denominator is 0."""
    return {
        "response_rate": _ratio(totals["accepted_on_time"], totals["submitted"]),
        "resolution_rate": _ratio(totals["resolved_on_time"], totals["submitted"]),
        "satisfaction_rate": _ratio(totals["satisfied"], totals["rated"]),
    }


def monthly_counts(queryset, field_name: str = "created_at", **aggregates) -> dict[date, dict]:
    """GROUP BY the local month of `field_name`: {first day of month: {name: value}}."""
    if not aggregates:
        aggregates = {"count": Count("pk")}
    rows = (
        queryset.annotate(month=TruncMonth(field_name, tzinfo=periods.tz()))
        .order_by()
        .values("month")
        .annotate(**aggregates)
        .order_by("month")
    )
    return {periods.month_start(timezone.localdate(row.pop("month"))): row for row in rows}


def request_trend(node, end: date) -> list[tuple[date, int]]:
    months = periods.trend_months(end)
    counts = monthly_counts(requests_in(node, months[0], end))
    return [(month, counts.get(month, {}).get("count", 0)) for month in months]


def request_figures(node, start: date, end: date) -> Section:
    cohort = requests_in(node, start, end)
    totals = request_totals(cohort)
    rates = three_rates(totals)
    by_status = dict(cohort.order_by().values_list("status").annotate(n=Count("pk")))
    by_category = cohort.order_by().values("category__name_zh").annotate(n=Count("pk")).order_by("-n", "category__name_zh")
    median = totals["median_hours"]
    mean = totals["mean_rating"]
    figures = [
        Figure("submitted", _("Requests submitted"), totals["submitted"]),
        Figure("open", _("Still open"), totals["open"]),
        Figure("overdue", _("Overdue"), totals["overdue"]),
        Figure("resolved", _("Resolved"), totals["resolved"]),
        Figure("resolved_on_time", _("Resolved on time"), totals["resolved_on_time"]),
        Figure(
            "on_time_share", _("Share of resolved requests resolved on time"), _ratio(totals["resolved_on_time"], totals["resolved"]), True
        ),
        Figure("median_hours", _("Median hours to resolve"), round(median, 1) if median is not None else None),
        Figure("mean_rating", _("Mean rating (1-5)"), round(float(mean), 2) if mean is not None else None),
        Figure("supervised", _("Under supervision"), totals["supervised"]),
        Figure("response_rate", _("Response rate (accepted on time)"), rates["response_rate"], True),
        Figure("resolution_rate", _("Resolution rate (resolved on time)"), rates["resolution_rate"], True),
        Figure("satisfaction_rate", _("Satisfaction rate (rated 4-5)"), rates["satisfaction_rate"], True),
    ]
    breakdowns = [
        Breakdown("status", _("By status"), [(str(Status(code).label), by_status[code]) for code in Status.values if code in by_status]),
        Breakdown("category", _("By category"), [(row["category__name_zh"], row["n"]) for row in by_category]),
    ]
    return Section("requests", _("Requests"), figures, _("Requests submitted per month"), request_trend(node, end), breakdowns)


def _placeholder(key: str, title, labels: list[tuple[str, str]], trend_label, end: date) -> Section:
    figures = [Figure(k, label, 0) for k, label in labels]
    trend = [(month, 0) for month in periods.trend_months(end)]
    return Section(key, title, figures, trend_label, trend, available=False)


def activity_figures(node, start: date, end: date) -> Section:
    """TO WIRE (issue 5): events, person-times, volunteer hours, families helped of activities under `node`
    in the period, and person-times per month over the 12 months ending with `end`, from the activities selectors."""
    labels = [
        ("events", _("Events")),
        ("person_times", _("Person-times served")),
        ("volunteer_hours", _("Volunteer hours")),
        ("families_helped", _("Special families helped")),
    ]
    return _placeholder("activities", _("Activities"), labels, _("Person-times per month"), end)


def body_figures(node, start: date, end: date) -> Section:
    """TO WIRE (issue 4): committees and associations under `node`, meetings held and decisions taken in the
    period, members; meetings per month over the 12 months ending with `end`."""
    labels = [
        ("committees", _("Committees")),
        ("associations", _("Associations")),
        ("meetings", _("Meetings held")),
        ("decisions", _("Decisions")),
        ("members", _("Members")),
    ]
    return _placeholder("bodies", _("Committees and associations"), labels, _("Meetings per month"), end)


def alliance_figures(node, start: date, end: date) -> Section:
    """TO WIRE (alliance): enterprises of the alliance under `node`, pledges made and matched in the period;
    pledges per month over the 12 months ending with `end`."""
    labels = [("enterprises", _("Enterprises")), ("pledges", _("Pledges")), ("matched", _("Pledges matched"))]
    return _placeholder("alliance", _("Alliance of enterprises"), labels, _("Pledges per month"), end)


SECTIONS = (request_figures, activity_figures, body_figures, alliance_figures)


def all_sections(node, start: date, end: date) -> list[Section]:
    return [build(node, start, end) for build in SECTIONS]


def activity_monthly(node, start: date, end: date) -> list[dict]:
    """TO WIRE (issue 5): per month, events, person_times, volunteer_hours, families_helped. Zeros until then."""
    months = periods.trend_months(end, _months_between(start, end))
    return [{"month": m, "events": 0, "person_times": 0, "volunteer_hours": 0, "families_helped": 0} for m in months]


def three_rates_monthly(node, start: date, end: date) -> list[dict]:
    """三率 per month of submission, one GROUP BY query."""
    rows = monthly_counts(
        requests_in(node, start, end),
        submitted=Count("pk"),
        accepted_on_time=Count("pk", filter=Q(accepted_at__lte=F("accept_due_at"))),
        resolved_on_time=Count("pk", filter=Q(resolved_at__lte=F("resolve_due_at"))),
        rated=Count("pk", filter=Q(rating__isnull=False)),
        satisfied=Count("pk", filter=Q(rating__gte=4)),
    )
    months = periods.trend_months(end, _months_between(start, end))
    empty = {"submitted": 0, "accepted_on_time": 0, "resolved_on_time": 0, "rated": 0, "satisfied": 0}
    return [{"month": m, **(row := rows.get(m, empty)), **three_rates(row)} for m in months]


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1
