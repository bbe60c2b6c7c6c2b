"""On a phone, a resident and community staff read the same figures of 新鸿社区, each with its definition in small type."""

import pytest
from playwright.sync_api import expect

from tests.base import make_request
from tests.governance.reports.test_browser import sign_in
from tests.test_browser import wcag_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("without_demo_requests")]


def _figure(page, key: str):
    return page.locator(f'[data-figure="{key}"]')


def test_the_statistics_and_the_dashboard_agree_and_explain_an_empty_figure(page, live_server, demo_tx):
    make_request(resident=demo_tx.resident, title="楼道灯坏了")  # one open request: nothing resolved yet

    page.goto(live_server.url + "/communities/xinhong/requests/stats/")
    submitted = _figure(page, "submitted")
    expect(submitted.locator("dd").first).to_have_text("1")
    expect(submitted.locator(".figure-definition")).to_contain_text("本期提交的诉求")
    expect(_figure(page, "median_hours")).to_contain_text("本期无已办结诉求")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    assert wcag_violations(page) == []

    sign_in(page, live_server, demo_tx.community)
    page.goto(live_server.url + "/manage/reports/community/xinhong/?days=90")
    expect(page.get_by_text("近 90 天")).to_be_visible()
    expect(_figure(page, "submitted").locator("dd").first).to_have_text("1")
    expect(_figure(page, "median_hours")).to_contain_text("本期无已办结诉求")
    assert wcag_violations(page) == []
