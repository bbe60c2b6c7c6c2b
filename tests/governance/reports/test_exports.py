"""Staff export the request queue as filtered, streamed; the public downloads anonymised open data."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from governance.reports import opendata
from governance.requests.choices import Status
from governance.requests.models import Request

from .data import make_requests


def _csv(response) -> list[dict]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.django_db
def test_the_request_export_is_scoped_and_filtered_like_the_queue(client, demo):
    make_requests(street=demo.shuangqiaozi, count=40, start=date(2026, 3, 1), end=date(2026, 3, 31), seed=2)
    make_requests(street=demo.shengdeng, count=10, start=date(2026, 3, 1), end=date(2026, 3, 31), seed=3)
    client.force_login(demo.street)
    url = reverse("reports:request_export", kwargs={"fmt": "csv"})
    rows = _csv(client.get(url))
    assert len(rows) == Request.objects.filter(street=demo.shuangqiaozi).count() == 40
    assert {row["street"] for row in rows} == {"双桥子街道"}
    filtered = _csv(client.get(url, {"status": Status.SUBMITTED, "community": "xinhong"}))
    assert len(filtered) == Request.objects.filter(street=demo.shuangqiaozi, status=Status.SUBMITTED, community=demo.xinhong).count()
    assert all(row["status"] == "submitted" and row["community"] == "新鸿社区" for row in filtered)
    overdue = _csv(client.get(url, {"overdue": "true"}))
    assert {row["status"] for row in overdue} <= {
        s.value for s in Status if s in {"submitted", "accepted", "assigned", "in_progress", "reopened"}
    }
    assert client.get(url, {"status": "nonsense"}).status_code == 302  # a clear message, nothing exported


@pytest.mark.django_db
def test_the_export_streams_without_a_query_per_row(client, demo):
    make_requests(street=demo.shuangqiaozi, count=5, start=date(2026, 3, 1), end=date(2026, 3, 31), seed=2)
    client.force_login(demo.admin)
    url = reverse("reports:request_export", kwargs={"fmt": "csv"})
    with CaptureQueriesContext(connection) as few:
        assert len(_csv(client.get(url))) == 5
    make_requests(street=demo.shuangqiaozi, count=300, start=date(2026, 3, 1), end=date(2026, 3, 31), seed=3)
    with CaptureQueriesContext(connection) as many:
        assert len(_csv(client.get(url))) == 305
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_xlsx_export_has_typed_cells(client, demo):
    make_requests(street=demo.shuangqiaozi, count=12, start=date(2026, 3, 1), end=date(2026, 3, 31), seed=2)
    client.force_login(demo.street)
    response = client.get(reverse("reports:request_export", kwargs={"fmt": "xlsx"}))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("number", "submitted_at", "category_code") and len(rows) == 13
    assert hasattr(rows[1][1], "year")  # a date-time cell, not text


@pytest.mark.django_db
def test_open_data_lists_requests_without_a_person_in_a_stable_layout(client, demo):
    make_requests(street=demo.shuangqiaozi, count=20, start=date(2026, 3, 1), end=date(2026, 3, 31), seed=2, resident=demo.resident)
    Request.objects.filter(pk__in=Request.objects.values("pk")[:5]).update(public=False)
    response = client.get(reverse("reports:open_data_file", kwargs={"level": "street", "code": "shuangqiaozi", "dataset": "requests"}))
    rows = _csv(response)
    assert list(rows[0]) == [c.key for c in opendata.REQUEST_COLUMNS]
    assert len(rows) == Request.objects.filter(street=demo.shuangqiaozi, public=True).exclude(status=Status.MERGED).count()
    body = "".join(",".join(row.values()) for row in rows)
    assert demo.resident.display_name not in body and demo.resident.phone not in body and "生成的诉求" not in body
    assert {row["resolved_on_time"] for row in rows} <= {"True", "False", ""}


@pytest.mark.django_db
def test_open_data_offers_the_monthly_three_rates_and_activity_totals(client, demo):
    kwargs = {"level": "community", "code": "xinhong"}
    page = client.get(reverse("reports:open_data", kwargs=kwargs)).text
    assert "response_rate" in page
    rates = client.get(reverse("reports:open_data_file", kwargs={**kwargs, "dataset": "three-rates"})).content.decode("utf-8-sig")
    assert rates.splitlines()[0] == ",".join(opendata.RATE_COLUMNS) and len(rates.splitlines()) == 13
    activities = client.get(reverse("reports:open_data_file", kwargs={**kwargs, "dataset": "activities"})).content.decode("utf-8-sig")
    assert activities.splitlines()[0] == ",".join(opendata.ACTIVITY_COLUMNS)
    assert client.get(reverse("reports:open_data_file", kwargs={**kwargs, "dataset": "people"})).status_code == 404
    assert "open-data/community/xinhong/" in client.get(reverse("courtyards:community", kwargs={"code": "xinhong"})).text
