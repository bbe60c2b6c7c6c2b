"""Per owning unit (a committee or a department): requests received, returned 退单, transferred away 转办,
resolved on time. Counted by the database from the timeline's units (TimelineEvent.from_*/to_*) and, for
on time, from the one definition (governance.requests.clock.ontime); one UNION ALL of three grouped parts."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, Value
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from governance.requests.choices import EventKind
from governance.requests.clock.ontime import resolution_due_q, resolved_on_time_q
from governance.requests.models import Request, TimelineEvent
from governance.requests.public.selectors import node_filter

from . import periods


@dataclass
class Table:
    """Rows of several figures each, under column headings (the first column names the row)."""

    key: str
    title: str
    columns: list[str]
    rows: list[list]
    links: list[str] | None = None  # on a dashboard, where each row's name leads (parallel to rows)

    @property
    def linked_rows(self) -> list[tuple[list, str | None]]:
        return list(zip(self.rows, self.links or [None] * len(self.rows), strict=True))


RECEIVED = (EventKind.SUBMITTED, EventKind.DISPATCHED, EventKind.TRANSFERRED)
COLUMNS = ("received", "returned", "transferred", "resolved_on_time")


def _grouped(queryset, prefix: str, **counts):
    """GROUP BY the (committee, department) at `prefix` ("to", "from", "owner"), the counts in COLUMNS order (0 where
    this part does not count it), so the three parts are one UNION ALL."""
    unit = Q(**{f"{prefix}_committee__isnull": False}) | Q(**{f"{prefix}_department__isnull": False})
    names = {
        "unit_committee": F(f"{prefix}_committee_id"),
        "unit_committee_name": F(f"{prefix}_committee__name"),
        "unit_department": F(f"{prefix}_department_id"),
        "unit_department_name": F(f"{prefix}_department__name"),
    }
    figures = {column: counts.get(column, Value(0)) for column in COLUMNS}
    return queryset.filter(unit).order_by().annotate(**names).values(*names).annotate(**figures)


def unit_counts(node, start: date, end: date) -> dict[tuple, dict]:
    """{(kind, id, name): {received, returned, transferred, resolved_on_time}} for the units under `node` in the period."""
    low, high = periods.bounds(start, end)
    events = TimelineEvent.objects.filter(created_at__gte=low, created_at__lt=high, **{f"request__{node.level}_id": node.pk})
    received = _grouped(events.filter(kind__in=RECEIVED), "to", received=Count("request", distinct=True))
    passed = _grouped(
        events.filter(kind__in=(EventKind.RETURNED, EventKind.TRANSFERRED)),
        "from",
        returned=Count("pk", filter=Q(kind=EventKind.RETURNED)),
        transferred=Count("pk", filter=Q(kind=EventKind.TRANSFERRED)),
    )
    due = Request.objects.filter(node_filter(node), resolution_due_q(low, high), resolved_on_time_q())
    on_time = _grouped(due, "owner", resolved_on_time=Count("pk"))
    units = {}
    for row in received.union(passed, on_time, all=True):
        units.setdefault(_unit_key(row), dict.fromkeys(COLUMNS, 0))
        for column in COLUMNS:
            units[_unit_key(row)][column] += row[column]
    return units


def _unit_key(row: dict) -> tuple:
    if row["unit_department"]:
        return ("department", row["unit_department"], row["unit_department_name"])
    return ("committee", row["unit_committee"], row["unit_committee_name"])


def unit_table(node, start: date, end: date) -> Table:
    columns = [
        pgettext_lazy("organisation", "Unit"),
        _("Received"),
        _("Returned (退单)"),
        _("Transferred away (转办)"),
        _("Resolved on time"),
    ]
    counts = unit_counts(node, start, end)
    ordered = sorted(counts, key=lambda key: (key[0], key[2]))  # committees, then departments, by name
    rows = [[key[2], *(counts[key][column] for column in COLUMNS)] for key in ordered]
    return Table("units", _("Requests by owning unit"), [str(column) for column in columns], rows)
