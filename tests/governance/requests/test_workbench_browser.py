"""Community staff on a phone take a new request from the queue to 办结 in six taps, on pages axe finds no fault with."""

import re

import pytest
from playwright.sync_api import expect

from governance.requests.choices import Status
from governance.requests.models import Request
from tests.governance.activities.test_browser import sign_in
from tests.journey import Journey
from tests.test_browser import wcag_violations

from .helpers import file_request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_community_staff_take_a_request_from_the_queue_to_resolved_in_six_interactions(page, live_server, demo_tx):
    request = file_request(demo_tx, title="七栋东门门禁损坏")
    sign_in(page, live_server.url, "demo_community")
    page.goto(live_server.url + "/manage/")
    expect(page.locator("#waiting-new_requests")).to_be_visible()
    assert wcag_violations(page) == [], "the staff home"

    page.goto(live_server.url + "/manage/requests/")
    assert wcag_violations(page) == [], "the queue, filters folded"
    filters = page.locator("#queue-filters")
    filters.locator("summary").click()
    expect(page.get_by_label("承办人")).to_be_visible()
    assert wcag_violations(page) == [], "the queue, filters open"
    filters.locator("summary").click()
    expect(page.get_by_label("承办人")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"

    journey = Journey(page)
    journey.tap(page.get_by_role("link", name="七栋东门门禁损坏"))
    page.wait_for_url(re.compile(rf".*/manage/requests/{request.number}/$"))
    assert wcag_violations(page) == [], "the staff page"
    journey.tap(page.get_by_role("button", name="受理", exact=True))
    journey.tap(page.get_by_role("button", name="开始办理", exact=True))
    journey.tap(page.locator("#act-resolve summary"))
    journey.fill(page.get_by_label("办理情况（居民可见）"), "已更换门禁电池，门禁恢复正常。")
    journey.tap(page.get_by_role("button", name="确认办结"))
    page.wait_for_load_state()

    assert journey.interactions <= 6, journey.steps
    expect(page.locator(".status").first).to_contain_text("已办结")
    expect(page.get_by_text("已更换门禁电池，门禁恢复正常。").first).to_be_visible()
    request.refresh_from_db()
    assert request.status == Status.RESOLVED
    assert wcag_violations(page) == [], "the staff page after 办结"
    assert Request.objects.filter(pk=request.pk, events__note="已更换门禁电池，门禁恢复正常。").exists()
