"""Staff who take a daily digest get one notification a day: how many requests came into their queue, and the newest."""

import pytest
from django.utils import timezone

from governance.notifications import services as notification_services
from governance.notifications.models import Notification
from governance.requests import tasks
from tests.base import make_category, make_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_demo_requests")]

DIGEST = "requests.queue_digest"


def test_a_staff_member_choosing_the_digest_gets_exactly_one_after_the_task_runs_twice(demo):
    notification_services.channel_preferences_set(
        user=demo.community, choices={"requests.queue_new": {"email": False, "sms": False, "timing": "daily"}}
    )
    category = make_category()
    ours = [make_request(resident=demo.resident, category=category, title=f"新鸿的诉求{i}") for i in range(3)]
    make_request(resident=demo.resident2, category=category, title="华林的诉求")
    today = timezone.localdate().isoformat()
    tasks.requests_queue_digest(today)
    tasks.requests_queue_digest(today)
    digest = Notification.objects.get(recipient=demo.community, kind=DIGEST)
    assert digest.key == f"requests.queue_digest:{demo.community.pk}:{today}"
    assert digest.params["count"] == "3" and digest.params["day"] == today
    assert [request.number in digest.params["newest"] for request in ours] == [True, True, True]
    assert "华林的诉求" not in digest.params["newest"]
    assert not Notification.objects.filter(recipient=demo.community, kind="requests.queue_new").exists(), "nothing at once"


def test_the_digest_is_the_default_and_names_only_the_newest_five(demo):
    category = make_category()
    requests = [make_request(resident=demo.resident, category=category, title=f"第{i}件") for i in range(7)]
    tasks.requests_queue_digest(timezone.localdate().isoformat())
    digest = Notification.objects.get(recipient=demo.community, kind=DIGEST)
    assert digest.params["count"] == "7"
    named = [request.number for request in requests if request.number in digest.params["newest"]]
    assert named == [request.number for request in requests[2:]]


def test_staff_who_take_requests_at_once_get_no_digest_and_a_day_without_requests_sends_none(demo):
    notification_services.channel_preferences_set(
        user=demo.community, choices={"requests.queue_new": {"email": False, "sms": False, "timing": "at_once"}}
    )
    make_request(resident=demo.resident, category=make_category())
    tasks.requests_queue_digest(timezone.localdate().isoformat())
    assert not Notification.objects.filter(recipient=demo.community, kind=DIGEST).exists()
    assert tasks.requests_queue_digest() == 0, "yesterday (the default day) had no new request"
