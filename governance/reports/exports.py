"""Streamed exports: CSV row by row, XLSX through openpyxl's write-only mode into a temporary file.

Rows come from `values_list(...).iterator(chunk_size=2000)` (a server-side cursor on
PostgreSQL, no model instances), so a 100,000-row export holds one chunk at a time
(see bench/export_memory.py and docs/performance.md).
"""

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.core.cells import safe_cell, safe_row

CHUNK = 2000
LINES_PER_PIECE = 500


@dataclass(frozen=True)
class Column:
    key: str  # the stable column name (the header row)
    source: str  # the values_list path
    convert: Callable | None = None


def local_datetime(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def local_date(value):
    return timezone.localtime(value).date() if value else None


class _Echo:
    def write(self, value):
        return value


def _rows(queryset, columns: list[Column]) -> Iterator[list]:
    converters = [column.convert for column in columns]
    for row in queryset.values_list(*[c.source for c in columns]).iterator(chunk_size=CHUNK):
        yield [convert(value) if convert else value for convert, value in zip(converters, row, strict=True)]


def _csv_lines(rows: Iterable[list], header: list[str]) -> Iterator[str]:
    """CSV text in pieces of LINES_PER_PIECE rows: few writes to the socket, one piece in memory."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)  # the BOM lets Excel open the UTF-8 file in Chinese
    piece = []
    for row in rows:
        piece.append(writer.writerow(["" if v is None else (v.isoformat() if hasattr(v, "isoformat") else safe_cell(v)) for v in row]))
        if len(piece) == LINES_PER_PIECE:
            yield "".join(piece)
            piece = []
    if piece:
        yield "".join(piece)


def csv_response(queryset, columns: list[Column], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(_rows(queryset, columns), [c.key for c in columns]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(queryset, columns: list[Column], filename: str, sheet_title: str) -> FileResponse:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title)
    sheet.append([c.key for c in columns])
    for row in _rows(queryset, columns):
        sheet.append(safe_row(row))
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it when sent
    book.save(handle)
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


REQUEST_COLUMNS = [
    Column("number", "number"),
    Column("submitted_at", "created_at", local_datetime),
    Column("category_code", "category__code"),
    Column("category", "category__name_zh"),
    Column("status", "status"),
    Column("street", "street__name"),
    Column("community", "community__name"),
    Column("courtyard", "courtyard__name"),
    Column("owner", "owner_label"),
    Column("accept_due_at", "accept_due_at", local_datetime),
    Column("accepted_at", "accepted_at", local_datetime),
    Column("resolve_due_at", "resolve_due_at", local_datetime),
    Column("resolved_at", "resolved_at", local_datetime),
    Column("rating", "rating"),
    Column("supervised", "supervised"),
    Column("title", "title"),
    Column("category_en", "category__name_en"),
]
REQUEST_SHEET = _("Requests")

# TO WIRE (issue 5): the activities export uses the same machinery. The lead adds a view like
# `request_export` over `activities.selectors.activity_list(user=...)` filtered by its FilterSet, with
# ACTIVITY_COLUMNS such as Column("type", "type__name"), Column("starts_at", "starts_at", local_datetime),
# Column("community", "community__name"), Column("person_times", "person_times"),
# Column("volunteer_hours", "volunteer_hours"), and one url line in reports/urls.py.
ACTIVITY_COLUMNS: list[Column] = []
