"""Staff are told of new requests in their queue: at once, one notification per request, if they chose so."""

import pytest

from governance.notifications import services as notification_services
from governance.notifications.models import Notification
from tests.base import make_category, make_request

pytestmark = pytest.mark.django_db

QUEUE_NEW = "requests.queue_new"


def at_once(user) -> None:
    notification_services.channel_preferences_set(user=user, choices={QUEUE_NEW: {"email": False, "sms": False, "timing": "at_once"}})


def told(user) -> list[str]:
    return sorted(n.params["number"] for n in Notification.objects.filter(recipient=user, kind=QUEUE_NEW))


def test_staff_who_chose_at_once_get_one_notification_per_new_request_of_their_queue_and_none_for_others(demo):
    at_once(demo.community)  # 新鸿社区's community staff: its community-owned requests are in their queue
    category = make_category()  # owned by the community
    ours = [make_request(resident=demo.resident, category=category, title=f"新鸿的诉求{i}") for i in range(2)]
    make_request(resident=demo.resident2, category=category, title="华林的诉求")  # 华林社区: another community's queue
    assert told(demo.community) == sorted(request.number for request in ours)
    notification = Notification.objects.get(recipient=demo.community, kind=QUEUE_NEW, params__number=ours[0].number)
    assert notification.link == f"/manage/requests/{ours[0].number}/" and "新鸿的诉求0" in notification.title + notification.body


def test_staff_who_chose_nothing_are_left_to_their_daily_digest(demo):
    make_request(resident=demo.resident, category=make_category())
    assert told(demo.community) == []


def test_a_staff_member_filing_a_request_of_their_own_is_not_told_of_it(demo):
    at_once(demo.community)
    make_request(resident=demo.community, place=demo.resident.home_unit, category=make_category())
    assert told(demo.community) == []
