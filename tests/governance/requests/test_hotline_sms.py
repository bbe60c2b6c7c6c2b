"""A caller without an account is told by SMS: the tracking number with an absolute link to follow it, and how
the request ended (resolved, closed, rejected); a pause asks them for what the handlers wait for."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courtyards.models import Courtyard
from governance.accounts.models import User
from governance.requests import services
from governance.requests.clock import services as clock_services
from governance.requests.clock import sweeps as deadlines
from governance.requests.hotline import services as hotline_services
from governance.requests.models import Category, Request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portal_address")]

CALLER_PHONE = "13612345678"
TRACK = "https://portal.example.cn/track/"


@pytest.fixture
def portal_address(settings):
    settings.SITE_URL = "https://portal.example.cn"


def called_in(django_capture_on_commit_callbacks, phone: str = CALLER_PHONE) -> Request:
    with django_capture_on_commit_callbacks(execute=True):
        return hotline_services.hotline_request_file(
            operator=User.objects.get(username="demo_operator"),
            phone=phone,
            name="王先生",
            category=Category.objects.get(code="facilities"),
            place=Courtyard.objects.get(code="xinhong-nanlu"),
            title="路灯不亮",
            text="门口的路灯坏了",
        )


def resolved(request: Request, demo, capture) -> Request:
    with capture(execute=True):
        services.request_accept(request=request, by=demo.community)
        services.request_assign(request=request, by=demo.community, assignee=demo.worker)
        services.request_start(request=request, by=demo.worker)
        services.request_resolve(request=request, by=demo.community, note="已更换灯泡")
    return request


def test_the_tracking_sms_carries_an_absolute_link(demo, sms_outbox, django_capture_on_commit_callbacks):
    request = called_in(django_capture_on_commit_callbacks)
    assert [m["phone"] for m in sms_outbox] == [CALLER_PHONE]
    assert request.number in sms_outbox[0]["text"] and TRACK in sms_outbox[0]["text"]


def test_the_caller_hears_by_sms_when_the_request_is_resolved_and_when_it_is_closed(demo, sms_outbox, django_capture_on_commit_callbacks):
    request = resolved(called_in(django_capture_on_commit_callbacks), demo, django_capture_on_commit_callbacks)
    texts = [m["text"] for m in sms_outbox if m["phone"] == CALLER_PHONE]
    assert len(texts) == 2 and "已更换灯泡" in texts[1] and request.number in texts[1] and TRACK in texts[1]
    with django_capture_on_commit_callbacks(execute=True):
        deadlines.request_close_unconfirmed(request_id=request.pk, cutoff=timezone.now() + timedelta(seconds=1))
    texts = [m["text"] for m in sms_outbox if m["phone"] == CALLER_PHONE]
    assert len(texts) == 3 and request.number in texts[2] and len({m["key"] for m in sms_outbox}) == 3
    assert Request.objects.get(pk=request.pk).status == "closed"


def test_a_rejected_call_is_told_too_and_the_steps_between_are_not_texted(demo, sms_outbox, django_capture_on_commit_callbacks):
    request = called_in(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_accept(request=request, by=demo.community)
        services.request_reject(request=request, by=demo.community, reason="不属于本社区管辖")
    texts = [m["text"] for m in sms_outbox]
    assert len(texts) == 2 and "不属于本社区管辖" in texts[1]


def test_a_paused_call_asks_the_caller_by_sms(demo, sms_outbox, django_capture_on_commit_callbacks):
    request = called_in(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_accept(request=request, by=demo.community)
        clock_services.request_pause(request=request, by=demo.community, reason="请告知具体楼栋")
        clock_services.request_resume(request=request, by=demo.community)
    texts = [m["text"] for m in sms_outbox]
    assert len(texts) == 2 and "请告知具体楼栋" in texts[1]


def test_a_call_from_a_residents_number_gets_no_caller_sms_but_a_notification(demo, sms_outbox, django_capture_on_commit_callbacks):
    request = resolved(called_in(django_capture_on_commit_callbacks, phone=demo.resident.phone), demo, django_capture_on_commit_callbacks)
    assert request.resident == demo.resident and sms_outbox == []  # the notification rows send theirs
    assert demo.resident.notifications.filter(kind="requests.status", send_sms=True).count() >= 4
