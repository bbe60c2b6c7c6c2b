"""The clock tells the truth: a request escalated twice and then resolved is late on every page that counts it."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.reports import figures, periods
from governance.requests import services
from governance.requests.choices import OwnerBody
from governance.requests.clock import sweeps as deadlines
from governance.requests.models import Request
from tests.base import request_set

from .helpers import file_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_demo_requests")]


def _escalated_twice_then_resolved(demo):
    """Filed 10 days ago, accepted, past its resolve deadline 3 days ago; escalated by two sweeps; resolved now."""
    request = file_request(demo)
    services.request_accept(request=request, by=demo.community)
    now = timezone.now()
    due = now - timedelta(days=3)
    request_set(
        request, created_at=now - timedelta(days=10), accepted_at=now - timedelta(days=10), resolve_due_at=due, owner_resolve_due_at=due
    )
    deadlines.requests_escalate_overdue(now=now + timedelta(minutes=1))
    deadlines.requests_escalate_overdue(now=now + timedelta(minutes=2))  # the street's working deadline is ahead: no second move
    request.refresh_from_db()
    assert (request.escalations, request.owner_body) == (1, OwnerBody.STREET)
    deadlines.requests_escalate_overdue(now=request.owner_resolve_due_at + timedelta(minutes=1))
    request.refresh_from_db()
    assert (request.escalations, request.owner_body) == (2, OwnerBody.DISTRICT)
    assert request.resolve_due_at == due, "escalation never moves the judged deadline"
    request_set(request, status="in_progress")
    services.request_resolve(request=request, by=demo.admin, note="已修好")
    request.refresh_from_db()
    assert request.resolved_at > request.resolve_due_at
    return request


def test_a_request_escalated_twice_and_resolved_is_late_on_the_public_statistics(client, demo):
    _escalated_twice_then_resolved(demo)
    page = client.get(reverse("public_requests:stats", kwargs={"code": "xinhong"}), {"days": 30})
    assert (
        page.context["stats"]["figures"].rates["resolution"].numerator == 0
        and page.context["stats"]["figures"].rates["resolution"].denominator == 1
    )
    body = page.content.decode()
    assert "1 件中 0 件按时办结" in body  # the 解决率's count, as the page prints it
    assert "100.0%" not in body


def test_a_request_escalated_twice_and_resolved_is_late_on_the_dashboard_and_in_the_report(client, demo):
    _escalated_twice_then_resolved(demo)
    start, end = periods.last_twelve_months()
    section = figures.request_figures(demo.shuangqiaozi, start, end)
    assert section.value("resolved") == 1 and section.value("resolution_rate") == 0  # 按时办结 is the 解决率 itself
    client.force_login(demo.street)
    page = client.get(reverse("reports:dashboard", kwargs={"level": "street", "code": "shuangqiaozi"}))
    shown = {f.key: f.value for item in page.context["sections"] for f in item["section"].figures if item["section"].key == "requests"}
    assert (shown["resolved"], shown["resolution_rate"]) == (1, 0)


def test_a_request_escalated_twice_and_resolved_is_late_in_the_open_data(client, demo):
    request = _escalated_twice_then_resolved(demo)
    kwargs = {"level": "community", "code": "xinhong"}
    answer = client.get(reverse("reports:open_data_file", kwargs={**kwargs, "dataset": "requests"}))
    listed = b"".join(answer.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(listed)))
    assert [row["resolved_on_time"] for row in rows] == ["False"]
    rates = client.get(reverse("reports:open_data_file", kwargs={**kwargs, "dataset": "three-rates"})).content.decode("utf-8-sig")
    month = f"{timezone.localtime(request.resolve_due_at):%Y-%m}"
    row = next(r for r in csv.DictReader(io.StringIO(rates)) if r["month"] == month)
    assert (row["resolution_due"], row["resolved_on_time"], row["resolution_rate"]) == ("1", "0", "0.0")


# --- 挂起: a paused request's clock stops ------------------------------------------------------


def test_a_paused_request_is_not_escalated_and_its_deadlines_move_by_the_pause(demo, client):
    from governance.notifications.models import Notification
    from governance.requests.choices import EventKind
    from governance.requests.clock import services as clock_services
    from governance.requests.clock.models import RequestPause

    request = file_request(demo)
    services.request_accept(request=request, by=demo.community)
    request.refresh_from_db()
    with pytest.raises(ValidationError):
        clock_services.request_pause(request=request, by=demo.community, reason=" ")
    client.force_login(demo.community)
    client.post(reverse("requests:staff_act", kwargs={"number": request.number}), {"action": "pause", "note": "等居民提供入户时间"})
    pause = RequestPause.objects.get(request=request, ended_at__isnull=True)
    assert pause.reason == "等居民提供入户时间" and pause.by == demo.community
    assert request.events.filter(kind=EventKind.PAUSED, note="等居民提供入户时间").exists()
    assert Notification.objects.filter(recipient=demo.resident, kind="requests.paused").exists()
    before = Request.objects.get(pk=request.pk)
    assert deadlines.requests_escalate_overdue(now=before.owner_resolve_due_at + timedelta(days=1)) == 0  # the clock stands still
    paused_for = timedelta(days=3)
    RequestPause.objects.filter(pk=pause.pk).update(started_at=pause.started_at - paused_for)
    clock_services.request_resume(request=request, by=demo.community)
    after = Request.objects.get(pk=request.pk)
    pause.refresh_from_db()
    length = pause.ended_at - pause.started_at
    assert length >= paused_for
    assert after.resolve_due_at == before.resolve_due_at + length and after.owner_resolve_due_at == before.owner_resolve_due_at + length
    assert after.accept_due_at == before.accept_due_at, "accepted already: that deadline no longer runs"
    assert Notification.objects.filter(recipient=demo.resident, kind="requests.resumed").exists()
    assert deadlines.requests_escalate_overdue(now=after.owner_resolve_due_at + timedelta(minutes=1)) == 1  # running again


# --- 延期申请: only an approval moves the deadline ---------------------------------------------


def test_an_extension_moves_the_deadline_only_once_approved_and_a_refusal_leaves_it(demo):
    from governance.requests.clock import extensions
    from governance.requests.clock.models import ExtensionStatus

    request = file_request(demo)  # owned by 新鸿社区: the street decides
    services.request_accept(request=request, by=demo.community)
    request.refresh_from_db()
    due, working = request.resolve_due_at, request.owner_resolve_due_at
    asked = extensions.extension_request(request=request, by=demo.community, reason="需等物业配合", hours=48)
    request.refresh_from_db()
    assert (request.resolve_due_at, asked.status) == (due, ExtensionStatus.PENDING), "asking moves nothing"
    with pytest.raises(ValidationError):
        extensions.extension_decide(extension=asked, by=demo.community, approve=True)  # the owner cannot approve its own
    extensions.extension_decide(extension=asked, by=demo.street, approve=False)
    request.refresh_from_db()
    assert request.resolve_due_at == due and request.owner_resolve_due_at == working
    again = extensions.extension_request(request=request, by=demo.community, reason="需等物业配合", until=due + timedelta(hours=24))
    assert again.hours == 24
    extensions.extension_decide(extension=again, by=demo.street, approve=True)
    request.refresh_from_db()
    assert request.resolve_due_at == due + timedelta(hours=24) and request.owner_resolve_due_at == working + timedelta(hours=24)
    again.refresh_from_db()
    assert (again.status, again.decided_by) == (ExtensionStatus.APPROVED, demo.street)


# --- 超时预警: the owner's staff are warned once before each deadline ------------------------------


def test_the_owner_is_warned_once_at_80_percent_of_the_time_to_accept(demo, settings):
    from governance.notifications.models import Notification
    from governance.requests.clock import warnings

    assert settings.REQUEST_WARN_AT == 0.8
    assert "requests-warn-due" in settings.CELERY_BEAT_SCHEDULE
    request = file_request(demo)  # 新鸿社区: its community staff are warned
    assert abs((request.owner_accept_due_at - request.accept_warn_at) - timedelta(hours=24 * 0.2)) < timedelta(seconds=5)
    assert warnings.requests_warn_due(now=request.accept_warn_at - timedelta(minutes=1)) == 0
    assert warnings.requests_warn_due(now=request.accept_warn_at + timedelta(minutes=1)) == 1
    assert warnings.requests_warn_due(now=request.accept_warn_at + timedelta(minutes=2)) == 0  # once
    request.refresh_from_db()
    assert request.accept_warn_at is None and request.resolve_warn_at is not None
    told = Notification.objects.filter(kind="requests.due_soon", key__startswith=f"request:{request.number}:")
    assert list(told.values_list("recipient", flat=True)) == [demo.community.pk]
