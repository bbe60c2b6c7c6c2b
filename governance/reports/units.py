"""Per owning unit (a committee or a department): requests received, returned 退单, transferred away 转办,
resolved on time. Counted by the database from the timeline's units (TimelineEvent.from_*/to_*) and, for
on time, from the one definition (governance.requests.clock.ontime); three grouped queries whatever the rows."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

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


RECEIVED = (EventKind.SUBMITTED, EventKind.DISPATCHED, EventKind.TRANSFERRED)
COLUMNS = ("received", "returned", "transferred", "resolved_on_time")


def _grouped(queryset, prefix: str, **counts) -> dict[tuple, dict]:
    """GROUP BY the (committee, department) at `prefix` ("to", "from", "owner"): {(kind, id, name): counts}."""
    names = (f"{prefix}_committee_id", f"{prefix}_committee__name", f"{prefix}_department_id", f"{prefix}_department__name")
    unit = Q(**{f"{prefix}_committee__isnull": False}) | Q(**{f"{prefix}_department__isnull": False})
    rows = queryset.filter(unit).order_by().values(*names).annotate(**counts)
    found = {}
    for row in rows:
        committee_id, committee_name, department_id, department_name = (row.pop(name) for name in names)
        key = ("department", department_id, department_name) if department_id else ("committee", committee_id, committee_name)
        found[key] = row
    return found


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
    for found in (received, passed, on_time):
        for key, counts in found.items():
            units.setdefault(key, dict.fromkeys(COLUMNS, 0)).update(counts)
    return units


def unit_table(node, start: date, end: date) -> Table:
    columns = [_("Unit"), _("Received"), _("Returned (退单)"), _("Transferred away (转办)"), _("Resolved on time")]
    counts = unit_counts(node, start, end)
    ordered = sorted(counts, key=lambda key: (key[0], key[2]))  # committees, then departments, by name
    rows = [[key[2], *(counts[key][column] for column in COLUMNS)] for key in ordered]
    return Table("units", _("Requests by owning unit"), [str(column) for column in columns], rows)
