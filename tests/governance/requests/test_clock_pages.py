"""The clock on the pages and the API: 延期申请 asked by the owner and decided by the level above, 挂起 seen by the
resident, and deadlines that start when a request is dispatched (派单), not when it waits in the dispatcher's queue."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from governance.accounts.models import User
from governance.notifications.models import Notification
from governance.requests import services
from governance.requests.choices import EventKind
from governance.requests.clock import ontime
from governance.requests.clock.models import ExtensionStatus, RequestExtension, RequestPause
from governance.requests.dispatch import services as dispatch
from governance.requests.models import Request
from tests.base import request_set

from .helpers import file_request

pytestmark = pytest.mark.django_db


def en(client):
    """The portal is Chinese unless the person chose English (the language cookie), whatever the browser says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def staff_page(client, request) -> str:
    return en(client).get(reverse("requests:staff_detail", kwargs={"number": request.number})).content.decode()


def accepted(demo, **fields) -> Request:
    request = file_request(demo, **fields)  # 新鸿社区's own: 双桥子街道's staff decide its extensions
    services.request_accept(request=request, by=demo.community)
    request.refresh_from_db()
    return request


# --- 延期申请 on the page --------------------------------------------------------------------------


def test_the_owner_asks_for_days_on_the_page_and_the_street_approves_from_its_list(demo, client):
    request = accepted(demo)
    due, working = request.resolve_due_at, request.owner_resolve_due_at
    client.force_login(demo.community)
    assert 'id="extension-form"' in staff_page(client, request)
    client.post(reverse("requests:extension_ask", kwargs={"number": request.number}), {"reason": "需等物业配合", "days": "2"})
    asked = RequestExtension.objects.get(request=request)
    assert (asked.hours, asked.status, asked.requested_by, asked.reason) == (48, ExtensionStatus.PENDING, demo.community, "需等物业配合")
    assert request.events.filter(kind=EventKind.EXTENSION, public=False, note__contains="需等物业配合").exists()
    assert (
        Notification.objects.filter(
            recipient=demo.street, kind="requests.extension_asked", key__startswith=f"request:{request.number}:"
        ).count()
        == 1
    )
    request.refresh_from_db()
    assert request.resolve_due_at == due, "asking moves nothing"
    assert request.number not in client.get(reverse("requests:extension_list")).content.decode()  # the owner does not decide its own

    client.force_login(demo.street)
    listed = en(client).get(reverse("requests:extension_list")).content.decode()
    assert request.number in listed and "需等物业配合" in listed
    assert 'id="extension-decide-form"' in staff_page(client, request)
    decide = reverse("requests:extension_decide", kwargs={"pk": asked.pk})
    assert client.post(decide, {"decision": "approve", "note": "同意延期两天"}).status_code == 302
    request.refresh_from_db()
    asked.refresh_from_db()
    assert (asked.status, asked.decided_by) == (ExtensionStatus.APPROVED, demo.street)
    assert request.resolve_due_at == due + timedelta(days=2) and request.owner_resolve_due_at == working + timedelta(days=2)
    assert request.events.filter(kind=EventKind.EXTENSION, actor=demo.street, note__contains="同意延期两天").exists()
    assert (
        Notification.objects.filter(
            recipient=demo.community, kind="requests.extension_decided", key__startswith=f"request:{request.number}:"
        ).count()
        == 1
    )
    assert request.number not in client.get(reverse("requests:extension_list")).content.decode()  # decided: off the list


def test_the_list_of_extensions_shows_only_those_the_person_decides_and_others_get_404(demo, client):
    from governance.requests.clock import extensions

    mine = accepted(demo)
    extensions.extension_request(request=mine, by=demo.community, reason="等配件", hours=24)
    hualin = file_request(demo, resident=demo.resident2, category="other", title="华林诉求")  # 华林社区, another street
    services.request_accept(request=hualin, by=demo.admin)
    theirs = extensions.extension_request(request=hualin, by=demo.admin, reason="华林等配件", hours=24)
    client.force_login(demo.street)
    listed = client.get(reverse("requests:extension_list")).content.decode()
    assert mine.number in listed and hualin.number not in listed
    client.force_login(demo.community)
    assert client.post(reverse("requests:extension_decide", kwargs={"pk": theirs.pk}), {"decision": "approve"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ExtensionStatus.PENDING
    client.force_login(demo.resident)
    assert client.get(reverse("requests:extension_list")).status_code == 404


def test_the_list_of_extensions_costs_the_same_queries_with_one_row_or_many(demo, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from governance.requests.clock import extensions

    client.force_login(demo.street)

    def count() -> int:
        client.get(reverse("requests:extension_list"))  # the caches the page fills (the unread badge) warm
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("requests:extension_list")).status_code == 200
        return len(queries)

    extensions.extension_request(request=accepted(demo, title="一"), by=demo.community, reason="等配件", hours=24)
    one = count()
    for title in ("二", "三", "四"):
        extensions.extension_request(request=accepted(demo, title=title), by=demo.community, reason="等配件", hours=24)
    assert count() == one


# --- 延期申请 through the API ----------------------------------------------------------------------


def test_the_api_asks_for_a_new_date_and_a_refusal_moves_nothing(demo, client):
    request = accepted(demo)
    due = request.resolve_due_at
    until = (timezone.localtime(due) + timedelta(days=3)).date()
    client.force_login(demo.community)
    answer = client.post(
        f"/api/v1/requests/{request.number}/extensions/", {"reason": "等居民", "until": until.isoformat()}, "application/json"
    )
    assert answer.status_code == 201, answer.content
    asked = RequestExtension.objects.get(request=request)
    assert answer.json()["id"] == asked.pk and asked.hours >= 48
    assert client.post(f"/api/v1/requests/{request.number}/extensions/", {"reason": "再等"}, "application/json").status_code == 400
    client.force_login(demo.resident2)  # no role over 新鸿社区
    assert client.post(f"/api/v1/extensions/{asked.pk}/decision/", {"decision": "approve"}, "application/json").status_code == 404
    client.force_login(demo.street)
    answer = client.post(f"/api/v1/extensions/{asked.pk}/decision/", {"decision": "refuse", "note": "请按期办结"}, "application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "refused"
    request.refresh_from_db()
    assert request.resolve_due_at == due
    assert request.events.filter(kind=EventKind.EXTENSION, note__contains="请按期办结").exists()


# --- 挂起 / 恢复: the resident sees it paused and why -----------------------------------------------


def test_the_api_pauses_and_the_resident_sees_why_on_their_page_then_it_resumes(demo, client):
    request = accepted(demo)
    client.force_login(demo.community)
    answer = client.post(f"/api/v1/requests/{request.number}/pause/", {"note": "请提供方便入户的时间"}, "application/json")
    assert answer.status_code == 200, answer.content
    assert RequestPause.objects.get(request=request, ended_at__isnull=True).reason == "请提供方便入户的时间"
    assert 'id="paused"' in staff_page(client, request)
    client.force_login(demo.resident)
    page = en(client).get(reverse("requests:detail", kwargs={"number": request.number})).content.decode()
    assert 'id="paused"' in page and "请提供方便入户的时间" in page and "we are waiting for you" in page
    assert Notification.objects.filter(recipient=demo.resident, kind="requests.paused").exists()
    client.force_login(demo.community)
    assert client.post(f"/api/v1/requests/{request.number}/resume/", {}, "application/json").status_code == 200
    assert not RequestPause.objects.filter(request=request, ended_at__isnull=True).exists()
    client.force_login(demo.resident)
    assert 'id="paused"' not in client.get(reverse("requests:detail", kwargs={"number": request.number})).content.decode()
    assert Notification.objects.filter(recipient=demo.resident, kind="requests.resumed").exists()


# --- the clock starts at dispatch -------------------------------------------------------------------


def _waited(demo, hours: int) -> Request:
    """新鸿社区 has no public environment committee: greening waits in the community's queue for 派单."""
    request = file_request(demo, category="greening", title="树枝遮挡")
    assert request.dispatched_at is None
    submitted = timezone.now() - timedelta(hours=hours)
    due = services.deadlines_from(submitted, request.category)
    return request_set(request, created_at=submitted, **due)


def test_a_request_routed_at_submission_is_dispatched_then_and_its_deadlines_count_from_it(demo):
    request = file_request(demo, category="facilities")
    assert request.dispatched_at is not None and request.dispatched_at <= request.created_at + timedelta(seconds=1)
    assert request.accept_due_at == request.dispatched_at + timedelta(hours=request.category.accept_hours)


def test_deadlines_start_when_the_dispatcher_dispatches_a_request_that_waited_in_the_queue(demo, client):
    request = _waited(demo, hours=60)
    client.force_login(demo.community)
    assert 'id="awaiting-dispatch"' in staff_page(client, request)
    before = timezone.now()
    dispatch.request_dispatch(request=request, by=demo.community, target="committee:xinhong-nanlu-group")
    request.refresh_from_db()
    accept, resolve = (timedelta(hours=request.category.accept_hours), timedelta(hours=request.category.resolve_hours))
    assert before <= request.dispatched_at <= timezone.now()
    assert request.accept_due_at == request.owner_accept_due_at == request.dispatched_at + accept
    assert request.resolve_due_at == request.owner_resolve_due_at == request.dispatched_at + resolve
    assert request.accept_warn_at == request.dispatched_at + accept * 0.8
    assert 'id="awaiting-dispatch"' not in staff_page(client, request)


def test_a_request_accepted_soon_after_a_late_dispatch_is_on_time_in_the_public_figures(demo, client, without_demo_requests):
    waited = _waited(demo, hours=60)  # its provisional accept deadline passed 12 hours ago
    routed = file_request(demo, category="facilities", title="路灯")
    request_set(routed, created_at=waited.created_at, accept_due_at=waited.accept_due_at, owner_accept_due_at=waited.accept_due_at)
    dispatch.request_dispatch(request=waited, by=demo.community, target="committee:xinhong-nanlu-group")
    for request in (waited, routed):
        services.request_accept(request=request, by=demo.community)
    page = client.get(reverse("public_requests:stats", kwargs={"code": "xinhong"}), {"days": 30})
    response = page.context["stats"]["figures"].rates["response"]
    # the routed one was late; the dispatched one's deadline lies ahead, counted from its 派单 (from submission: late too)
    assert (response.numerator, response.denominator) == (0, 1)
    now = timezone.now()
    whole = ontime.response_rate(Request.objects.filter(community=demo.xinhong), now - timedelta(days=30), now + timedelta(days=30))
    assert (whole.numerator, whole.denominator) == (1, 2)
    assert Request.objects.filter(ontime.accepted_on_time_q()).get() == waited


def test_a_transfer_and_a_second_dispatch_never_reset_the_judged_deadlines(demo):
    request = file_request(demo, category="roads", title="井盖缺失")  # 双桥子街道综合行政执法队
    due = (request.accept_due_at, request.resolve_due_at)
    handler = User.objects.get(username="demo_handler")
    police = dispatch.Department.objects.get(name="双桥子派出所")
    dispatch.request_transfer(request=request, by=handler, target=f"department:{police.pk}", reason="属派出所")
    request.refresh_from_db()
    assert (request.accept_due_at, request.resolve_due_at) == due
    waited = _waited(demo, hours=10)
    roads = dispatch.Department.objects.get(name="双桥子街道综合行政执法队")
    dispatch.request_dispatch(request=waited, by=demo.community, target=f"department:{roads.pk}")
    waited.refresh_from_db()
    first = (waited.dispatched_at, waited.accept_due_at, waited.resolve_due_at)
    dispatch.request_return(request=waited, by=handler, reason="不属执法队")  # 退单: back in the dispatcher's queue
    dispatch.request_dispatch(request=waited, by=demo.community, target="committee:xinhong-nanlu-group")
    waited.refresh_from_db()
    assert (waited.dispatched_at, waited.accept_due_at, waited.resolve_due_at) == first, "only the first 派单 starts the clock"
