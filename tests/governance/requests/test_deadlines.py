"""Deadlines: an overdue request climbs one level of the tree, once; an unconfirmed one closes itself."""

from datetime import timedelta

import pytest
from django.utils import timezone

from governance.notifications.models import Notification
from governance.requests import services
from governance.requests.choices import EventKind, OwnerBody, Status
from governance.requests.clock import sweeps as deadlines
from governance.requests.models import Request

from .helpers import file_request

pytestmark = pytest.mark.django_db


def test_an_overdue_request_escalates_once_not_on_every_sweep(demo):
    request = file_request(demo)  # owned by 新鸿社区
    later = request.accept_due_at + timedelta(minutes=1)
    deadlines.requests_escalate_overdue(now=later)
    deadlines.requests_escalate_overdue(now=later + timedelta(minutes=5))
    request.refresh_from_db()
    assert request.escalations == 1
    assert request.owner_body == OwnerBody.STREET and request.owner_label == "双桥子街道"
    assert request.owner_accept_due_at > later, "the new owner gets a fresh working deadline"
    assert request.accept_due_at < later, "the judged deadline stays: the request was late"
    assert request.events.filter(kind=EventKind.ESCALATED).count() == 1
    told = Notification.objects.filter(recipient=demo.street, kind="requests.escalated", key__startswith=f"request:{request.number}:")
    assert told.count() == 1


def test_the_new_owner_missing_its_deadline_escalates_it_one_more_level(demo):
    request = file_request(demo, category="noise")  # courtyard group
    now = request.accept_due_at + timedelta(minutes=1)
    deadlines.requests_escalate_overdue(now=now)
    request.refresh_from_db()
    assert request.owner_body == OwnerBody.COMMUNITY
    deadlines.requests_escalate_overdue(now=request.owner_accept_due_at + timedelta(minutes=1))
    request.refresh_from_db()
    assert request.owner_body == OwnerBody.STREET and request.escalations == 2


def test_a_request_on_time_is_left_alone(demo):
    request = file_request(demo)
    deadlines.requests_escalate_overdue(now=timezone.now())
    request.refresh_from_db()
    assert request.escalations == 0


def test_an_accepted_request_escalates_only_when_late_to_resolve(demo):
    request = file_request(demo)
    services.request_accept(request=request, by=demo.community)
    request.refresh_from_db()
    deadlines.requests_escalate_overdue(now=request.accept_due_at + timedelta(hours=1))
    request.refresh_from_db()
    assert request.escalations == 0
    deadlines.requests_escalate_overdue(now=request.resolve_due_at + timedelta(hours=1))
    request.refresh_from_db()
    assert request.escalations == 1 and request.status == Status.ACCEPTED


def test_an_unconfirmed_resolution_closes_after_7_days_once(demo):
    request = file_request(demo)
    services.request_accept(request=request, by=demo.community)
    services.request_start(request=request, by=demo.community)
    services.request_resolve(request=request, by=demo.community, note="已修好")
    request.refresh_from_db()
    assert deadlines.requests_close_unconfirmed(now=request.resolved_at + timedelta(days=6)) == 0
    later = request.resolved_at + timedelta(days=7, minutes=1)
    deadlines.requests_close_unconfirmed(now=later)
    deadlines.requests_close_unconfirmed(now=later)
    request.refresh_from_db()
    assert request.status == Status.CLOSED and request.rating is None
    assert request.events.filter(to_status=Status.CLOSED).count() == 1


def test_the_sweeps_are_scheduled_on_beat(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"governance.requests.tasks.requests_escalate_overdue", "governance.requests.tasks.requests_close_unconfirmed"} <= tasks


def test_the_beat_tasks_survive_a_lost_worker_and_run_the_sweeps(demo):
    from governance.requests import tasks

    for task in (tasks.requests_escalate_overdue, tasks.requests_close_unconfirmed):
        assert task.acks_late and task.reject_on_worker_lost
    request = file_request(demo)
    Request.objects.filter(pk=request.pk).update(owner_accept_due_at=timezone.now() - timedelta(minutes=1))
    assert tasks.requests_escalate_overdue() >= 1
    assert tasks.requests_escalate_overdue() == 0
    assert tasks.requests_close_unconfirmed() == 0
