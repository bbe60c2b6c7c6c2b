"""A chair records a meeting on a phone in the room; the public committee page shows the decision. Both pass axe."""

import pytest
from django.conf import settings
from django.test import Client

from committees.models import Meeting
from tests.test_browser import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


def test_a_chair_records_a_meeting_on_a_phone_and_the_public_sees_the_decision(page, live_server, demo_tx):
    meeting = Meeting.objects.get(committee__code="hualin-public-environment")
    sign_in(page, live_server, demo_tx.resident2)
    page.goto(f"{live_server.url}/manage/meetings/{meeting.code}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    assert serious_violations(page) == []

    for box in page.get_by_role("checkbox").all():
        box.check()  # all three members in the room: three votes for need three present
    page.get_by_role("button", name="保存出席情况").click()
    page.get_by_label("会议纪要").fill("与会成员同意在A区增设两处花坛。")
    page.get_by_role("button", name="保存会议纪要").click()
    page.get_by_label("议案").fill("在A区增设两处花坛")
    page.get_by_label("赞成票").fill("3")
    page.get_by_label("结果").select_option("adopted")
    page.get_by_role("button", name="记录决议").click()
    assert page.get_by_text("在A区增设两处花坛").first.is_visible()

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/committees/hualin-public-environment/")
    assert page.get_by_text("在A区增设两处花坛").is_visible()
    assert page.get_by_text("冯**").first.is_visible(), "members' names are masked for the public"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_violations(page) == []
