"""Lists count no further than they need (issue 11): a capped count says "N+" and the admin estimates."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from governance.core.pagination import CappedPaginator, EstimatedCountPaginator
from governance.requests.models import Request
from tests.governance.requests.helpers import file_request


@pytest.fixture
def api():
    return APIClient()


def _in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_a_capped_count_stops_at_the_cap_and_says_so(demo, settings):
    settings.LIST_COUNT_CAP = 3
    for n in range(5):
        file_request(demo, title=f"路灯不亮{n}")
    paginator = CappedPaginator(Request.objects.filter(community=demo.xinhong).order_by("-created_at"), 2)
    assert Request.objects.filter(community=demo.xinhong).count() >= 5
    assert paginator.count == 4 and paginator.capped and paginator.count_label == "3+"
    assert [r.title for r in paginator.page(1)] == ["路灯不亮4", "路灯不亮3"]


def test_under_the_cap_the_count_is_exact(demo, settings):
    settings.LIST_COUNT_CAP = 1000
    file_request(demo)
    paginator = CappedPaginator(Request.objects.filter(community=demo.xinhong), 2)
    assert paginator.count == Request.objects.filter(community=demo.xinhong).count()
    assert not paginator.capped


def test_the_queue_shows_the_cap_when_more_rows_exist(demo, client, settings):
    settings.LIST_COUNT_CAP = 3
    for n in range(4):
        file_request(demo, title=f"路灯不亮{n}")
    client.force_login(demo.street)
    _in_english(client, settings)
    page = client.get("/manage/requests/").text
    assert "More than 3 requests" in page and "路灯不亮3" in page
    with CaptureQueriesContext(connection) as captured:
        client.get("/manage/requests/")
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(*)" in q["sql"] and "requests_request" in q["sql"]]
    assert counts and all("LIMIT 4" in sql for sql in counts)


def test_the_queue_shows_the_exact_count_under_the_cap(demo, client, settings):
    settings.LIST_COUNT_CAP = 10_000
    file_request(demo, title="路灯不亮")
    client.force_login(demo.street)
    _in_english(client, settings)
    expected = Request.objects.filter(street=demo.shuangqiaozi).count()
    response = client.get("/manage/requests/")
    assert response.context["page"].paginator.count == expected
    assert f"{expected} requests" in response.text and "More than" not in response.text


def test_the_api_count_is_capped_but_the_next_page_is_offered(demo, api, settings):
    settings.LIST_COUNT_CAP = 2
    for n in range(5):
        file_request(demo, title=f"问题{n}")
    api.force_authenticate(demo.street)
    answer = api.get("/api/v1/requests/", {"limit": 2, "offset": 2}).json()
    assert answer["count"] == 5 and answer["count_exact"] is False  # counted up to offset + limit + 1
    assert answer["next"] and len(answer["results"]) == 2
    settings.LIST_COUNT_CAP = 10_000
    exact = api.get("/api/v1/requests/", {"limit": 2}).json()
    assert exact["count_exact"] is True and exact["count"] == Request.objects.filter(street=demo.shuangqiaozi).count()


def test_the_admin_estimates_an_unfiltered_table_and_caps_a_filtered_one(demo, settings):
    settings.LIST_COUNT_CAP = 2
    for n in range(4):
        file_request(demo, title=f"问题{n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE requests_request")
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'requests_request'")
        estimate = cursor.fetchone()[0]
    assert EstimatedCountPaginator(Request.objects.all(), 10).count == estimate
    assert EstimatedCountPaginator(Request.objects.filter(community=demo.xinhong), 10).count == 3


def test_the_admin_changelist_of_requests_and_audit_rows_never_counts_the_whole_table(demo, client):
    from governance.accounts.admin import AuditLogEntryAdmin
    from governance.requests.admin import RequestAdmin

    assert RequestAdmin.show_full_result_count is False and RequestAdmin.paginator is EstimatedCountPaginator
    assert AuditLogEntryAdmin.show_full_result_count is False and AuditLogEntryAdmin.paginator is EstimatedCountPaginator
    file_request(demo, title="后台可见")
    client.force_login(demo.admin)
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/admin/requests/request/")
    assert page.status_code == 200 and "后台可见" in page.text
    assert not [q for q in captured.captured_queries if q["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "requests_request"')]
