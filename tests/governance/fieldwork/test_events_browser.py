"""The acceptance story at phone size: demo_grid opens 我的网格, logs a patrol with an event found, the community
staff find it in their queue as 网格上报, and the grid's figures on 我的网格 rise by one."""

import pytest

from governance.fieldwork.models import FieldEvent
from governance.requests.choices import Source
from tests.base import DEMO_PASSWORD
from tests.test_browser import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("手机号或用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def events_this_week(page) -> int:
    return int(page.locator('[data-figure="events-week"]').inner_text())


def test_demo_grid_logs_a_patrol_with_an_event_the_community_sees_it_and_my_grid_counts_it(page, live_server, browser, demo_tx):
    sign_in(page, live_server.url, "demo_grid")
    page.wait_for_url("**/work/grid/")
    assert page.locator("h1").inner_text() == "我的网格"
    before = events_this_week(page)
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"

    page.locator("#main").get_by_role("link", name="巡查登记").click()
    page.get_by_label("新鸿南路院落").check()
    page.get_by_label("消防通道").check()
    page.get_by_role("button", name="保存巡查").click()  # a tap, as on the phone
    page.wait_for_url("**/work/grid/patrols/*/?logged=1")

    page.get_by_role("link", name="上报本次巡查发现的事件").click()
    page.get_by_label("公共设施").check()
    assert page.get_by_label("地点").input_value() == "courtyard:xinhong-nanlu", "the place comes from the patrol"
    page.get_by_label("发现的问题").fill("南门消防通道的路灯坏了")
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="上报事件").click()
    page.wait_for_url("**/work/grid/?reported=1")
    assert "已上报" in page.locator(".messages").inner_text()
    assert events_this_week(page) == before + 1

    event = FieldEvent.objects.select_related("request", "patrol").latest("created_at")
    assert event.patrol is not None and event.patrol.worker.username == "demo_grid"
    assert event.request.source == Source.GRID and event.request.text == "南门消防通道的路灯坏了"

    staff = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
    sign_in(staff, live_server.url, "demo_community")
    staff.goto(live_server.url + "/manage/requests/?source=grid")
    card = staff.locator("li.card", has_text=event.request.number)
    assert card.count() == 1 and "网格上报" in card.inner_text()
    staff.context.close()
