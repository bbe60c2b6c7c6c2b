"""Dashboards and public statistics are cached per node and forgotten when a request under the node changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courtyards.models import Community
from governance.requests import services
from governance.requests.choices import Status
from governance.requests.models import Request
from tests.base import make_request

DASHBOARD = reverse("reports:dashboard", kwargs={"level": "street", "code": "shuangqiaozi"})


def _load(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers={"accept-language": "en"})
    assert response.status_code == 200
    return response, len(queries)


def _submitted(response) -> int:
    return next(s["section"] for s in response.context["sections"] if s["section"].key == "requests").value("submitted")


@pytest.mark.django_db
def test_a_second_dashboard_load_reads_the_cache_and_a_new_request_shows_after_commit(client, demo, django_capture_on_commit_callbacks):
    client.force_login(demo.street)
    first, cold = _load(client, DASHBOARD)
    again, warm = _load(client, DASHBOARD)
    assert warm < cold and _submitted(again) == _submitted(first)
    with django_capture_on_commit_callbacks(execute=True):
        make_request(resident=demo.resident, title="新的诉求")  # in 新鸿社区, under 双桥子
    after, _ = _load(client, DASHBOARD)
    assert _submitted(after) == _submitted(first) + 1 == Request.objects.filter(street=demo.shuangqiaozi).count()


@pytest.mark.django_db
def test_a_request_elsewhere_leaves_the_cached_dashboard_alone(client, demo, django_capture_on_commit_callbacks):
    client.force_login(demo.street)
    _load(client, DASHBOARD)
    elsewhere = Community.objects.filter(street=demo.shengdeng).first()
    with django_capture_on_commit_callbacks(execute=True):
        make_request(resident=demo.resident2, place=elsewhere)
    _response, queries = _load(client, DASHBOARD)
    cold_budget = 20
    assert queries < cold_budget - 10  # still the cached figures: 双桥子 did not change


@pytest.mark.django_db
def test_the_public_statistics_follow_a_status_change(client, demo, django_capture_on_commit_callbacks):
    url = reverse("public_requests:stats", kwargs={"code": "xinhong"})
    with django_capture_on_commit_callbacks(execute=True):
        item = make_request(resident=demo.resident, title="统计里的诉求")
    before, cold = _load(client, url)
    _again, warm = _load(client, url)
    assert warm < cold
    assert before.context["stats"]["figures"].totals["open"] == Request.objects.filter(community=demo.xinhong, status__in=OPEN).count()
    with django_capture_on_commit_callbacks(execute=True):
        services.status_move(request=item, to=Status.REJECTED, by="staff", actor=demo.community, note="不属于受理范围")
    after, _ = _load(client, url)
    assert after.context["stats"]["figures"].totals["open"] == before.context["stats"]["figures"].totals["open"] - 1
    assert {"status": Status.REJECTED, "n": 1} in [{"status": r["status"], "n": r["n"]} for r in after.context["stats"]["by_status"]]


OPEN = [s.value for s in Status if s in (Status.SUBMITTED, Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS, Status.REOPENED)]
