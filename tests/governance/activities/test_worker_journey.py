"""Issue 14's acceptance for a social worker: from the page she lands on, a service logged in eight interactions or fewer.

demo_worker (新鸿社区) signs in, opens 工作, taps 登记活动, picks 义诊, types the person-times and saves; the date,
time, duration and community are already filled in, the rest folds under 更多. She then sees the activity she
logged; the database holds it; axe finds nothing on any page she passed through.
"""

import re

import pytest
from playwright.sync_api import expect

from governance.activities.models import Activity
from tests.governance.activities.test_browser import sign_in
from tests.journey import Journey
from tests.test_browser import wcag_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_social_worker_logs_a_free_clinic_in_eight_interactions_from_her_landing_page(page, live_server, demo_tx):
    sign_in(page, live_server.url, "demo_worker")
    journey = Journey(page)
    assert wcag_violations(page) == [], page.url

    journey.tap(page.get_by_role("navigation").get_by_role("link", name=re.compile("^工作")).first)
    page.wait_for_url("**/manage/**")
    assert wcag_violations(page) == [], page.url
    journey.tap(page.get_by_role("link", name="登记活动").first)
    page.wait_for_url("**/work/activities/log/")
    assert page.get_by_label("日期").input_value(), "today is filled in"
    assert page.get_by_label("社区").locator("option:checked").inner_text() == "新鸿社区"
    assert wcag_violations(page) == [], page.url

    journey.select(page.get_by_label("类型"), label="义诊")
    journey.fill(page.get_by_label("服务人次"), "26")
    journey.tap(page.get_by_role("button", name="保存活动"))
    page.wait_for_url("**/work/activities/*/?logged=1")

    assert journey.interactions <= 8, journey.steps
    expect(page.locator(".messages")).to_contain_text("已登记")
    facts = page.locator(".facts")
    expect(facts).to_contain_text("义诊")
    expect(facts).to_contain_text("新鸿社区")
    expect(facts).to_contain_text("26")
    assert wcag_violations(page) == [], page.url

    activity = Activity.objects.filter(logged_by=demo_tx.worker).latest("created_at")
    assert (activity.type.name, activity.person_times, activity.community.name) == ("义诊", 26, "新鸿社区")
    assert page.url.startswith(f"{live_server.url}/work/activities/{activity.code}/")
