"""The page of notification channels: one row per kind, under its translated title, in the reader's language."""

import re

import pytest
from django.conf import settings

from governance.notifications.models import ChannelPreference

pytestmark = pytest.mark.django_db


def test_a_resident_sees_the_kinds_that_reach_residents_and_no_staff_ones(client, demo):
    client.force_login(demo.resident)
    page = client.get("/notifications/channels/").text
    assert "通知方式" in page and "我的诉求" in page and "我的诉求状态有变化" in page
    assert "我的工作台有新诉求" not in page, "new requests in a queue are a staff matter"
    assert re.search(r'name="requests-status-sms"[^>]* checked', page), "the default shows until the person chooses"


def test_staff_also_choose_when_they_hear_of_new_requests_in_their_queue(client, demo):
    client.force_login(demo.community)
    page = client.get("/notifications/channels/").text
    assert "我的工作台有新诉求" in page and 'name="requests-queue_new-timing"' in page
    response = client.post("/notifications/channels/", {"requests-queue_new-timing": "at_once", "requests-queue_new-sms": "on"})
    assert response.status_code == 302
    row = ChannelPreference.objects.get(user=demo.community, kind="requests.queue_new")
    assert (row.timing, row.sms, row.email) == ("at_once", True, False)


def test_an_english_reader_sees_the_page_in_english(client, demo):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(demo.resident)
    page = client.get("/notifications/channels/").text
    assert "Notification channels" in page and "My request changes status" in page
    assert "我的诉求" not in page


def test_the_choices_are_reached_from_the_persons_own_page(client, demo):
    client.force_login(demo.resident)
    assert 'href="/notifications/channels/"' in client.get("/accounts/me/").text
