"""Open311 reads at the cost of the rows they return: one query per page, conditional GET, paging (issue 11)."""

import importlib
from datetime import datetime, time, timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.requests.models import Category, Request
from governance.requests.open311 import queries
from governance.requests.services import event_record
from tests.base import make_category, make_request, request_set

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_demo_requests")]


def url(name: str, fmt: str = "json", **kwargs) -> str:
    return reverse(f"open311:{name}", kwargs={"fmt": fmt, **kwargs})


def _filed(demo, n: int, start: int = 0) -> list[Request]:
    made = []
    for i in range(start, start + n):
        request = make_request(resident=demo.resident if i % 2 else demo.resident2, title=f"诉求{i}")
        event_record(request=request, kind="note", note=f"已派人处理{i}")
        made.append(request)
    return made


def test_the_list_costs_the_same_queries_at_5_and_50_rows_and_reads_no_timeline(client, demo):
    _filed(demo, 5)
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(url("requests")).json()) == 5
    _filed(demo, 45, start=5)
    with CaptureQueriesContext(connection) as fifty:
        listed = client.get(url("requests")).json()
    assert len(listed) == 50 and len(fifty) == len(five)
    assert {r["status_notes"] for r in listed} == {f"已派人处理{i}" for i in range(50)}
    sql = " ".join(q["sql"] for q in fifty.captured_queries)
    assert "requests_timelineevent" not in sql and "requests_requestphoto" not in sql


def test_the_last_public_staff_note_is_kept_on_the_row(demo):
    request = make_request(resident=demo.resident)
    event_record(request=request, kind="note", note="已联系物业")
    event_record(request=request, kind="note", note="内部：物业不配合", public=False)
    event_record(request=request, kind="note", actor=demo.resident, note="我自己写的补充")
    event_record(request=request, kind="rated", note="评价的话")
    kept = Request.objects.get(pk=request.pk)
    assert kept.public_note == "已联系物业" and kept.public_note_at is not None


def test_the_data_migration_fills_the_rows_already_there(demo):
    request = make_request(resident=demo.resident)
    event_record(request=request, kind="note", note="第一条")
    event_record(request=request, kind="note", note="最新的公开说明")
    Request.objects.filter(pk=request.pk).update(public_note="", public_note_at=None)
    migration = importlib.import_module("governance.requests.migrations.0011_open311_on_the_row")
    migration._keep_on_the_row(apps, None)
    assert Request.objects.get(pk=request.pk).public_note == "最新的公开说明"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_list_answers_304_until_a_request_in_it_changes(client, demo, fmt):
    first, second = _filed(demo, 2)
    answer = client.get(url("requests", fmt))
    etag, modified = answer["ETag"], answer["Last-Modified"]
    assert answer.status_code == 200 and etag.startswith('"') and modified
    again = client.get(url("requests", fmt), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(url("requests", fmt), HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    request_set(first, updated_at=timezone.now() - timedelta(hours=1))  # a change that does not move max(updated_at)
    changed = client.get(url("requests", fmt), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    event_record(request=second, kind="note", note="园林工人明天到")
    noted = client.get(url("requests", fmt), HTTP_IF_NONE_MATCH=changed["ETag"])
    assert noted.status_code == 200 and "园林工人明天到" in noted.content.decode()


def test_json_and_xml_and_other_filters_have_their_own_etags(client, demo):
    _filed(demo, 2)
    tags = {client.get(url("requests", fmt), data)["ETag"] for fmt in ("json", "xml") for data in ({}, {"status": "open"})}
    assert len(tags) == 4


def test_a_single_request_answers_304_until_it_changes(client, demo):
    from governance.requests import services

    request = make_request(resident=demo.resident)  # in 新鸿社区, which demo.community handles
    answer = client.get(url("request", number=request.number))
    assert answer.status_code == 200 and answer.json()[0]["status"] == "open"
    assert client.get(url("request", number=request.number), HTTP_IF_NONE_MATCH=answer["ETag"]).status_code == 304
    services.request_accept(request=request, by=demo.community)
    after = client.get(url("request", number=request.number), HTTP_IF_NONE_MATCH=answer["ETag"])
    assert after.status_code == 200 and after["ETag"] != answer["ETag"]
    unknown = client.get(url("request", number="CH-1999-000001"), HTTP_IF_NONE_MATCH=answer["ETag"])
    assert unknown.status_code == 404 and unknown.json()[0]["code"] == 404


def test_services_answer_304_until_a_category_changes(client, demo):
    category = make_category(code="greening", name_zh="绿化", name_en="Greening")
    answer = client.get(url("services"))
    assert answer.status_code == 200 and answer["Last-Modified"]
    assert client.get(url("services"), HTTP_IF_NONE_MATCH=answer["ETag"]).status_code == 304
    Category.objects.filter(pk=category.pk).update(name_zh="绿化养护")
    after = client.get(url("services"), HTTP_IF_NONE_MATCH=answer["ETag"])
    assert after.status_code == 200 and "绿化养护" in {s["service_name"] for s in after.json()}


def test_a_client_pages_through_the_list_newest_first(client, demo):
    made = _filed(demo, 7)
    pages = [client.get(url("requests"), {"page_size": 3, "page": page}).json() for page in (1, 2, 3, 4)]
    assert [len(p) for p in pages] == [3, 3, 1, 0]
    numbers = [r["service_request_id"] for p in pages for r in p]
    assert numbers == [r.number for r in reversed(made)]


@pytest.mark.parametrize("data", [{"page_size": 201}, {"page_size": 0}, {"page": 0}, {"page": "two"}, {"page": 501}])
def test_paging_out_of_bounds_is_a_400_with_a_description(client, demo, data):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    answer = client.get(url("requests"), data)
    assert answer.status_code == 400 and "whole number" in answer.json()[0]["description"]


def test_without_paging_the_default_window_stays(client, demo, monkeypatch):
    made = _filed(demo, 4)
    request_set(made[0], created_at=timezone.now() - timedelta(days=120))  # outside the spec's 90 days
    assert {r["service_request_id"] for r in client.get(url("requests")).json()} == {r.number for r in made[1:]}
    monkeypatch.setattr(queries, "DEFAULT_LIMIT", 2)
    assert [r["service_request_id"] for r in client.get(url("requests")).json()] == [made[3].number, made[2].number]
    old = client.get(url("requests"), {"start_date": "2000-01-01T00:00:00Z", "page_size": 10}).json()
    assert len(old) == 4


def test_an_end_date_without_a_time_includes_that_whole_day(client, demo):
    (request,) = _filed(demo, 1)
    day = timezone.localdate() - timedelta(days=3)
    request_set(request, created_at=timezone.make_aware(datetime.combine(day, time(15))))
    found = client.get(url("requests"), {"start_date": day.isoformat(), "end_date": day.isoformat()}).json()
    assert [r["service_request_id"] for r in found] == [request.number]
