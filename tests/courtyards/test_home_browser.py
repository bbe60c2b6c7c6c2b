"""我的社区 and rating on a phone (390 x 844), with axe's WCAG 2.2 AA rule set on every page passed through."""

import pytest
from playwright.sync_api import expect

from governance.requests import services
from governance.requests.choices import Status
from governance.requests.models import Request
from tests.governance.activities.test_browser import sign_in
from tests.governance.requests.helpers import file_request
from tests.journey import Journey
from tests.test_browser import wcag_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def nav_fits_one_line(page) -> None:
    nav = page.get_by_role("navigation", name="主导航")
    box, link = nav.bounding_box(), nav.get_by_role("link").first.bounding_box()
    assert box["height"] < 2 * link["height"], "the navigation is one line"
    assert nav.evaluate("n => n.scrollWidth <= n.clientWidth"), "and every link of it is in view"


def test_demo_resident_lands_on_xinhong_with_the_filing_link_and_none_of_hualin(page, live_server, demo_tx):
    file_request(demo_tx, resident=demo_tx.resident2, title="华林的快递柜")
    sign_in(page, live_server.url, "demo_resident")
    expect(page.get_by_role("heading", level=1)).to_have_text("我的社区 · 新鸿社区")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="提交诉求")).to_have_count(1)
    expect(main.get_by_role("link", name="院落路灯不亮")).to_be_visible()
    expect(main).to_contain_text("已派单给新鸿社区")
    expect(main.get_by_role("link", name="院落邻里节")).to_be_visible()
    expect(main).not_to_contain_text("华林")
    nav_fits_one_line(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    assert wcag_violations(page) == []


def test_demo_resident2_lands_on_hualin_and_sees_none_of_xinhong(page, live_server, demo_tx):
    sign_in(page, live_server.url, "demo_resident2")
    expect(page.get_by_role("heading", level=1)).to_have_text("我的社区 · 华林社区")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="希望增设快递柜")).to_be_visible()
    expect(main).not_to_contain_text("新鸿")
    nav_fits_one_line(page)
    assert wcag_violations(page) == []


def test_a_visitor_keeps_the_district_overview(page, live_server, demo_tx):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("成华区")
    expect(page.get_by_role("main").get_by_role("link", name="提交诉求")).to_have_count(0)
    nav_fits_one_line(page)
    assert wcag_violations(page) == []


def test_the_resident_rates_2_stars_is_told_of_the_callback_and_still_reopens(page, live_server, demo_tx):
    request = file_request(demo_tx, title="楼道灯不亮")
    services.request_accept(request=request, by=demo_tx.community)
    services.request_start(request=request, by=demo_tx.community)
    services.request_resolve(request=request, by=demo_tx.community, note="已更换灯泡")
    sign_in(page, live_server.url, "demo_resident")
    page.goto(f"{live_server.url}/requests/{request.number}/")
    assert wcag_violations(page) == []
    journey = Journey(page)
    two = page.get_by_role("radio", name="2 星 不满意")
    assert two.bounding_box()["height"] >= 24 and page.locator("label[for]", has=two).bounding_box()["height"] >= 44
    journey.check(two)
    journey.tap(page.get_by_role("button", name="确认并评价"))
    page.wait_for_url(f"**/requests/{request.number}/")
    expect(page.get_by_role("region", name="接下来")).to_contain_text("社区工作人员将给您电话回访")
    expect(page.get_by_role("region", name="接下来")).to_contain_text("前您都可以重新打开此诉求")
    assert wcag_violations(page) == []
    journey.fill(page.get_by_label("还有什么问题？"), "灯又灭了")
    journey.tap(page.get_by_role("button", name="没有解决：重新打开"))
    page.wait_for_url(f"**/requests/{request.number}/")
    expect(page.get_by_role("main")).to_contain_text("已重新打开")
    assert journey.interactions == 4
    assert Request.objects.get(pk=request.pk).status == Status.REOPENED
    assert wcag_violations(page) == []
