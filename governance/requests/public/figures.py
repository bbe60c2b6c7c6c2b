"""The requests' figures, computed once for every page that shows them (issue 14 point 8).

The public statistics, the community and street pages, the dashboards, the report files and the API all call
`request_figures(node, start, end)`: each concept (submitted, still open, resolved, overdue, time to resolve, the
three rates 三率) has one definition here, so the same place and period give the same number on every page. The
period is a pair of days, both included, in local time (`governance.core.periods`). Three queries whatever the
rows: the cohort's aggregate with its median, the two deadline rates, the satisfaction rate.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.core import node_cache, periods
from governance.core.figures import HOURS, Figure

from ..choices import OPEN_STATUSES
from ..clock.ontime import Rate
from ..workflow.rules import overdue_q
from . import selectors as public

LABELS = {
    "submitted": gettext_lazy("Requests submitted"),
    "open": gettext_lazy("Still open"),
    "resolved": gettext_lazy("Resolved"),
    "overdue": gettext_lazy("Overdue"),
    "supervised": gettext_lazy("Under supervision"),
    "median_hours": gettext_lazy("Median time to resolve"),
    "response_rate": gettext_lazy("Response rate"),
    "resolution_rate": gettext_lazy("Resolution rate (resolved on time)"),
    "satisfaction_rate": gettext_lazy("Satisfaction rate"),
}
DEFINITIONS = {
    "submitted": gettext_lazy("Filed in the period; a duplicate merged into another request counts once."),
    "open": gettext_lazy("Of those submitted in the period, not yet resolved."),
    "resolved": gettext_lazy("Of those submitted in the period, resolved by now."),
    "overdue": gettext_lazy("Of those submitted in the period, still open past the deadline to resolve."),
    "supervised": gettext_lazy("Of those submitted in the period, under supervision 督办 by the level above."),
    "median_hours": gettext_lazy("From submission to resolution: half of the resolved requests took less."),
    "response_rate": gettext_lazy("Accepted before the deadline to accept, among the requests whose deadline fell in the period."),
    "resolution_rate": gettext_lazy(
        "Resolved before the deadline to resolve, among the requests whose deadline fell in the period (rejected ones excepted)."
    ),
    "satisfaction_rate": gettext_lazy(
        "Satisfied or basically satisfied at the callback, else a rating of 4 or 5, among the requests closed in the period."
    ),
}
EMPTY = {
    "median_hours": gettext_lazy("No request of this period has been resolved yet"),
    "response_rate": gettext_lazy("No request was due to be accepted in this period"),
    "resolution_rate": gettext_lazy("No request was due to be resolved in this period"),
    "satisfaction_rate": gettext_lazy("No request closed in this period was rated or called back"),
}
KEY = ("submitted", "open", "resolved", "median_hours")  # the statistics page's key figures, beside the three rates
STAFF = ("submitted", "open", "overdue", "resolved", "median_hours", "response_rate", "resolution_rate", "satisfaction_rate", "supervised")
SECTION = ("submitted", "open", "resolved", "resolution_rate", "median_hours", "satisfaction_rate")  # a community page's summary
RATES = ("response_rate", "resolution_rate", "satisfaction_rate")
PUBLIC = KEY + RATES


@dataclass
class RequestFigures:
    start: date
    end: date
    totals: dict  # the cohort's aggregate: counts, the median, and what the caller asked for besides
    rates: dict[str, Rate]  # response, resolution, satisfaction
    figures: dict[str, Figure]

    def shown(self, keys) -> list[Figure]:
        return [self.figures[key] for key in keys]


def cohort_totals(queryset, **aggregates) -> dict:
    """Counts of the requests submitted in the period as they stand now, their median hours to resolve, and
    `aggregates`: one query."""
    return public.with_median_hours(
        queryset,
        submitted=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        resolved=Count("pk", filter=Q(resolved_at__isnull=False)),
        overdue=Count("pk", filter=overdue_q(timezone.now())),
        supervised=Count("pk", filter=Q(supervised=True)),
        rated=Count("rating"),
        mean_rating=Avg("rating"),
        **aggregates,
    )


def request_figures(*, node, start: date, end: date, **aggregates) -> RequestFigures:
    """Every request figure of `node` for the days [start, end]; `aggregates` are read in the same query (a dashboard's
    count per status)."""
    low, high = periods.bounds(start, end)
    totals = cohort_totals(public.node_requests(node=node, start=low, end=high), **aggregates)
    rates = public.three_rates(node, low, high)
    return RequestFigures(start, end, totals, rates, _figures(totals, rates))


def _figures(totals: dict, rates: dict[str, Rate]) -> dict[str, Figure]:
    counts = {key: _figure(key, totals[key]) for key in ("submitted", "open", "resolved", "overdue", "supervised")}
    median = totals["median_hours"]
    hours = _figure("median_hours", None if median is None else round(median, 1), unit=HOURS)
    return counts | {"median_hours": hours} | _rate_figures(rates)


def _figure(key: str, value, **extra) -> Figure:
    return Figure(key, LABELS[key], value, definition=DEFINITIONS[key], empty=EMPTY.get(key, ""), **extra)


def _rate_figures(rates: dict[str, Rate]) -> dict[str, Figure]:
    details = {
        "response_rate": (rates["response"], _("%(n)s of %(d)s accepted in time")),
        "resolution_rate": (rates["resolution"], _("%(n)s of %(d)s resolved in time")),
        "satisfaction_rate": (rates["satisfaction"], _("%(n)s of %(d)s satisfied")),
    }
    return {
        key: _figure(key, rate.value, percent=True, detail=text % {"n": rate.numerator, "d": rate.denominator} if rate.denominator else "")
        for key, (rate, text) in details.items()
    }


def statistics(*, node, start: date, end: date) -> dict:
    """The figures of `node` for the days [start, end] with the cohort per status and per category."""
    low, high = periods.bounds(start, end)
    cohort = public.node_requests(node=node, start=low, end=high)
    return {
        "figures": request_figures(node=node, start=start, end=end),
        "by_status": public.by_status(cohort),
        "by_category": public.by_category(cohort),
    }


def statistics_of_days(*, node, days: int) -> dict:
    """`statistics` of the last `days` days, cached per node until a request under it changes."""
    start, end = periods.last_days(days)
    return node_cache.node_figures(
        name="public-statistics",
        level=node.level,
        pk=node.pk,
        parts=[start, end],
        build=lambda: statistics(node=node, start=start, end=end),
    )


def figures_of_days(*, node, days: int) -> RequestFigures:
    """`request_figures` of the last `days` days, cached as the statistics are (the community and street pages)."""
    start, end = periods.last_days(days)
    return node_cache.node_figures(
        name="public-figures",
        level=node.level,
        pk=node.pk,
        parts=[start, end],
        build=lambda: request_figures(node=node, start=start, end=end),
    )
