"""Open data: anonymised requests and monthly figures of a street or community, with a stable column layout.

The columns are documented in docs/open-data.md; change them only by adding at the end.
Only requests the resident made public are listed, and never a person, a title or a text:
category, place down to the community, dates (days), status and whether it was on time.
"""

import csv
import io

from django.http import HttpResponse

from governance.core.cells import safe_cell
from governance.fieldwork import sections as grid_sections
from governance.requests.choices import Status
from governance.requests.clock import ontime
from governance.requests.models import Request
from governance.requests.public.selectors import node_filter

from . import figures, periods
from .exports import Column, csv_response, local_date

REQUEST_COLUMNS = [
    Column("category_code", "category__code"),
    Column("category", "category__name_zh"),
    Column("district", "district__name"),
    Column("street", "street__name"),
    Column("community", "community__name"),
    Column("submitted_on", "created_at", local_date),
    Column("accepted_on", "accepted_at", local_date),
    Column("resolved_on", "resolved_at", local_date),
    Column("status", "status"),
    Column("accepted_on_time", "accepted_on_time"),
    Column("resolved_on_time", "resolved_on_time"),
    Column("category_en", "category__name_en"),  # added at the end: the layout is stable
]
RATE_COLUMNS = [
    "month",
    "response_due",
    "accepted_on_time",
    "resolution_due",
    "resolved_on_time",
    "rated",
    "satisfied",
    "response_rate",
    "resolution_rate",
    "satisfaction_rate",
]
ACTIVITY_COLUMNS = ["month", "events", "person_times", "volunteer_hours", "families_helped"]
GRID_COLUMNS = grid_sections.OPEN_COLUMNS  # per grid, never per person


def public_requests(node):
    return (
        Request.objects.filter(node_filter(node), public=True)
        .exclude(status=Status.MERGED)
        .annotate(accepted_on_time=ontime.accepted_on_time_flag(), resolved_on_time=ontime.resolved_on_time_flag())
        .order_by("created_at", "pk")
    )


def requests_csv(node):
    return csv_response(public_requests(node), REQUEST_COLUMNS, f"requests-{node.code}.csv")


def _small_csv(rows: list[dict], columns: list[str], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else (f"{row[c]:%Y-%m}" if c == "month" else safe_cell(row[c])) for c in columns])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def rates_csv(node):
    start, end = periods.last_twelve_months()
    return _small_csv(figures.three_rates_monthly(node, start, end), RATE_COLUMNS, f"three-rates-{node.code}.csv")


def activities_csv(node):
    start, end = periods.last_twelve_months()
    return _small_csv(figures.activity_monthly(node, start, end), ACTIVITY_COLUMNS, f"activities-{node.code}.csv")


def grids_csv(node):
    """Per grid of the node over the last twelve months: patrols, events found, resolved on the spot and on time."""
    start, end = periods.last_twelve_months()
    return _small_csv(grid_sections.grid_open_rows(node, start, end), GRID_COLUMNS, f"grids-{node.code}.csv")
