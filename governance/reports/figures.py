"""The figures of every section of a dashboard or report, computed by the database.

One function per section, each taking (node, start, end) with `end` inclusive and
returning a `Section`: requests (aggregates over Request, the three rates as the public
statistics define them), activities, committees and associations, and the alliance (each
through its app's selectors). Each function runs a fixed number of queries, whatever the rows.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations import selectors as association_selectors
from committees import selectors as committee_selectors
from governance.activities import selectors as activity_selectors
from governance.activities.choices import Category
from governance.core import scalars
from governance.core.figures import Figure
from governance.fieldwork import sections as grid_sections
from governance.requests.choices import Status
from governance.requests.models import category_name
from governance.requests.public import figures as request_public_figures
from governance.requests.public import selectors as request_public
from governance.training import selectors as training_selectors

from . import periods, seed_figures
from .units import Table, unit_table


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
    tables: list[Table] = field(default_factory=list)

    def value(self, key: str):
        return next(f.value for f in self.figures if f.key == key)


def requests_in(node, start: date, end: date):
    """The requests submitted under `node` on the days [start, end], merged duplicates counted once (in the request
    they joined), as every page counts them (`governance.requests.public.selectors.node_requests`)."""
    return request_public.node_requests(node=node, start=periods.bounds(start, end)[0], end=periods.bounds(start, end)[1])


def three_rates(node, start: date, end: date) -> dict:
    """三率 as the public statistics define them (`governance.requests.public.selectors.three_rates`): one
    definition for the portal, its reports and its open data. Each is None when nothing was due."""
    rates = request_public.three_rates(node, *periods.bounds(start, end))
    return {
        "response_rate": rates["response"].value,
        "resolution_rate": rates["resolution"].value,
        "satisfaction_rate": rates["satisfaction"].value,
        "response_due": rates["response"].denominator,
        "accepted_on_time": rates["response"].numerator,
        "resolution_due": rates["resolution"].denominator,
        "resolved_on_time": rates["resolution"].numerator,
        "rated": rates["satisfaction"].denominator,
        "satisfied": rates["satisfaction"].numerator,
    }


def _month_of(model, field_name: str) -> TruncMonth:
    """The local month of a timestamp (Asia/Shanghai), or the month of a plain date."""
    if model._meta.get_field(field_name).get_internal_type() == "DateField":
        return TruncMonth(field_name)
    return TruncMonth(field_name, tzinfo=periods.tz())


def monthly_counts(queryset, field_name: str = "created_at", **aggregates) -> dict[date, dict]:
    """GROUP BY the local month of `field_name`: {first day of month: {name: value}}."""
    if not aggregates:
        aggregates = {"count": Count("pk")}
    rows = (
        queryset.annotate(month=_month_of(queryset.model, field_name)).order_by().values("month").annotate(**aggregates).order_by("month")
    )
    return {periods.month_start(_as_date(row.pop("month"))): row for row in rows}


def request_trend(node, end: date) -> list[tuple[date, int]]:
    months = periods.trend_months(end)
    counts = monthly_counts(requests_in(node, months[0], end))
    return [(month, counts.get(month, {}).get("count", 0)) for month in months]


def request_figures(node, start: date, end: date) -> Section:
    """The requests' figures as the public pages show them (`governance.requests.public.figures`: one computation, one
    value per concept), with the staff's own (overdue, under supervision) and the cohort per status and category."""
    per_status = {f"status_{code}": Count("pk", filter=Q(status=code)) for code in Status.values if code != Status.MERGED}
    computed = request_public_figures.request_figures(node=node, start=start, end=end, **per_status)
    by_status = {code: computed.totals[f"status_{code}"] for code in Status.values if computed.totals.get(f"status_{code}")}
    names = ("category__code", "category__name_zh", "category__name_en")
    by_category = requests_in(node, start, end).order_by().values(*names).annotate(n=Count("pk")).order_by("-n", "category__code")
    breakdowns = [
        Breakdown("status", _("By status"), [(str(Status(code).label), n) for code, n in by_status.items()]),
        Breakdown("category", _("By category"), [(_category(row), row["n"]) for row in by_category]),
    ]
    trend = request_trend(node, end)
    tables = [unit_table(node, start, end)]
    figures = computed.shown(request_public_figures.STAFF)
    return Section("requests", _("Requests"), figures, _("Requests submitted per month"), trend, breakdowns, tables)


def _category(row: dict) -> str:
    """The category's name in the reader's language (the dashboard's cache keeps one copy per language)."""
    return category_name(row["category__name_zh"], row["category__name_en"])


def _trend(monthly: dict, key: str, end: date) -> list[tuple[date, int | float]]:
    return [(month, monthly.get(month, {}).get(key, 0) or 0) for month in periods.trend_months(end)]


def activity_months(node, end: date) -> dict[date, dict]:
    """Person-times per month of the trend, all and of free clinics, in one query (the activities and the seed's sections)."""
    months = periods.trend_months(end)
    clinics = Q(type__category=Category.CLINIC)
    return monthly_counts(
        activity_selectors.activities_under(node=node, start=months[0], end=end),
        "starts_at",
        clinic_person_times=Coalesce(Sum("person_times", filter=clinics), 0),  # first: the next name shadows the field
        person_times=Coalesce(Sum("person_times"), 0),
    )


def activity_figures(node, start: date, end: date, counts: dict | None = None, monthly: dict | None = None) -> Section:
    """Events, person-times, approved volunteer hours and special families helped under `node` in the period."""
    totals = activity_selectors.node_totals(node=node, start=start, end=end, read=counts)
    monthly = activity_months(node, end) if monthly is None else monthly
    figures = [
        Figure("events", _("Events"), totals["events"]),
        Figure("person_times", _("Person-times served"), totals["person_times"]),
        Figure("volunteer_hours", _("Volunteer hours"), float(totals["volunteer_hours"])),
        Figure("families_helped", _("Special families helped"), totals["families_helped"]),
        Figure("clinic_person_times", _("Person-times of free clinics"), totals["clinic_person_times"]),
        Figure("volunteer_events", _("Volunteer events"), totals["volunteer_events"]),
        Figure("mediation_events", _("Mediations"), totals["mediation_events"]),
    ]
    return Section("activities", _("Activities"), figures, _("Person-times per month"), _trend(monthly, "person_times", end))


def body_counts(node, start: date, end: date) -> dict:
    """The counts and sums of the bodies, alliance, activities (beside their aggregate) and seed sections, for every app,
    in one query."""
    low, high = periods.bounds(start, end)
    counted = {
        **committee_selectors.node_count_querysets(node=node, start=low, end=high),
        **association_selectors.node_count_querysets(node=node, start=start, end=end),
    }
    summed = association_selectors.node_sum_querysets(node=node, start=start, end=end)
    for part_counted, part_summed in (
        activity_selectors.node_total_querysets(node=node, start=start, end=end),
        seed_figures.querysets(node, start, end),
    ):
        counted |= part_counted
        summed |= part_summed
    values = scalars.counts_and_sums(counted=counted, summed=summed)
    return {name: value if name == "volunteer_hours" else int(value or 0) for name, value in values.items()}  # hours have tenths


def body_figures(node, start: date, end: date, counts: dict | None = None) -> Section:
    """Committees and associations under `node`, their members, meetings held and decisions taken in the period."""
    high = periods.bounds(start, end)[1]
    bodies = associations = counts or body_counts(node, start, end)
    months = periods.trend_months(end)
    monthly = monthly_counts(committee_selectors.meetings_held(node=node, start=periods.bounds(months[0], end)[0], end=high), "starts_at")
    figures = [
        Figure("committees", _("Committees of every kind"), bodies["committees"]),
        Figure("associations", _("Associations of every kind"), associations["associations"]),
        Figure("meetings", _("Meetings held"), bodies["meetings"]),
        Figure("decisions", _("Decisions"), bodies["decisions"]),
        Figure("members", _("Members"), bodies["members"] + associations["association_members"]),
    ]
    return Section("bodies", _("Committees and associations"), figures, _("Meetings per month"), _trend(monthly, "count", end))


def alliance_figures(node, start: date, end: date, counts: dict | None = None) -> Section:
    """Alliance enterprises under `node`, their pledges running in the period, how many are matched to needs, and the
    places or jobs those pledges offer against those used in the period (pledged vs used)."""
    counts = counts or body_counts(node, start, end)
    pledged, used = counts["pledged"], counts["used"]
    figures = [
        Figure("enterprises", _("Enterprises"), counts["enterprises"]),
        Figure("pledges", _("Pledges"), counts["pledges"]),
        Figure("matched", _("Pledges matched"), counts["matched"]),
        Figure("pledged", _("Places or jobs pledged"), pledged),
        Figure("used", _("Places or jobs used"), used),
        Figure("used_share", _("Share of pledged places used"), used / pledged if pledged else None, True),
    ]
    months = periods.trend_months(end)
    monthly = monthly_counts(association_selectors.pledges_running(node=node, start=months[0], end=end), "starts_on")
    return Section("alliance", _("Alliance of enterprises"), figures, _("Pledges per month"), _trend(monthly, "count", end))


def training_figures(node, start: date, end: date) -> Section:
    """The grid workers of `node` trained in the period, their training hours, and how many hold a social-work
    qualification (the seed's 2,970 grid workers "trained into social workers"): `training.selectors.node_training_totals`."""
    totals = training_selectors.node_training_totals(node=node, start=start, end=end)
    months = periods.trend_months(end)
    attended = training_selectors.grid_worker_attendance(node=node, start=months[0], end=end)
    monthly = (
        attended.annotate(month=TruncMonth("session__starts_at", tzinfo=periods.tz()))
        .order_by()
        .values("month")
        .annotate(hours=Sum("hours"))
    )
    by_month = {periods.month_start(_as_date(row["month"])): {"hours": float(row["hours"])} for row in monthly}
    figures = [
        Figure("grid_workers", _("Grid workers"), totals["grid_workers"]),
        Figure("grid_workers_trained", _("Grid workers trained"), totals["grid_workers_trained"]),
        Figure("training_hours", _("Training hours"), float(totals["training_hours"])),
        Figure("social_work_qualified", _("Holders of a social-work qualification"), totals["social_work_qualified"]),
    ]
    return Section("training", _("Training of grid workers"), figures, _("Training hours per month"), _trend(by_month, "hours", end))


def seed_section(node, start: date, end: date, counts: dict | None = None, monthly: dict | None = None) -> Section:
    """数说: each figure of the kind the seed reports, under `node` in the period (governance/reports/seed_figures.py)."""
    figures, tables = seed_figures.figures_and_tables(node, start, end, counts)
    trend = _trend(activity_months(node, end) if monthly is None else monthly, "clinic_person_times", end)
    return Section("seed", seed_figures.section_title(node), figures, _("Person-times of free clinics per month"), trend, tables=tables)


def grid_figures(node, start: date, end: date) -> Section:
    """网格: patrols, courtyards left unpatrolled, events found and how they ended, per grid and per grid worker
    (governance.fieldwork.sections); the dashboard links each grid to its own dashboard."""
    data = grid_sections.grid_section(node, start, end)
    links = [reverse("reports:grid_dashboard", kwargs={"code": row["grid"].code}) for row in data["grids"]]
    tables = [
        Table("grids", _("Per grid"), data["grid_columns"], data["grid_rows"], links),
        Table("grid_workers", _("Per grid worker"), data["worker_columns"], data["worker_rows"]),
    ]
    months = periods.trend_months(end)
    monthly = monthly_counts(grid_sections.patrols_under(node, months[0], end), "started_at")
    figures = [Figure(key, label, value) for key, label, value in data["figures"]]
    return Section("grids", _("Grids"), figures, _("Patrols per month"), _trend(monthly, "count", end), tables=tables)


SECTIONS = (request_figures, activity_figures, body_figures, alliance_figures, grid_figures, training_figures, seed_section)


def all_sections(node, start: date, end: date) -> list[Section]:
    counts = body_counts(node, start, end)  # the sections' scalars: one query
    monthly = activity_months(node, end)  # the activities' and the seed's trends: one query
    sections = [
        request_figures(node, start, end),
        activity_figures(node, start, end, counts, monthly),
        body_figures(node, start, end, counts),
        alliance_figures(node, start, end, counts),
        grid_figures(node, start, end),
        training_figures(node, start, end),
        seed_section(node, start, end, counts, monthly),
    ]
    return once_per_page(sections)


# A concept two sections state, and the one that keeps it on a page of them all: the 数说 states free clinics, families
# helped and volunteer events beside their kin (how many held, by whom, person-times), the training section its figures
# beside the grid workers they are counted among.
STATED_BY = {
    "clinic_person_times": "seed",
    "families_helped": "seed",
    "volunteer_events": "seed",
    "grid_workers_trained": "training",
    "training_hours": "training",
    "social_work_qualified": "training",
}


def once_per_page(sections: list[Section]) -> list[Section]:
    """The sections with each concept once: a figure another section states too stays only in the one STATED_BY names."""
    for section in sections:
        section.figures = [f for f in section.figures if STATED_BY.get(f.key, section.key) == section.key]
    return sections


def activity_monthly(node, start: date, end: date) -> list[dict]:
    """Per month: events, person-times, approved volunteer hours, special families helped (one query per month)."""
    rows = []
    for month in periods.trend_months(end, _months_between(start, end)):
        totals = activity_selectors.node_totals(node=node, start=month, end=periods.month_end(month))
        keys = ("events", "person_times", "volunteer_hours", "families_helped")
        rows.append({"month": month, **{key: totals[key] for key in keys}})
    return rows


def three_rates_monthly(node, start: date, end: date) -> list[dict]:
    """三率 per month, each month with the public definition (requests due in that month)."""
    return [
        {"month": month, **three_rates(node, month, periods.month_end(month))}
        for month in periods.trend_months(end, _months_between(start, end))
    ]


def _as_date(month) -> date:
    return timezone.localdate(month) if isinstance(month, datetime) else month


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1
