"""demo_grid on a phone: their grid's dashboard and one courtyard of it pass axe and never scroll sideways."""

import pytest

from governance.accounts.models import User

from .test_browser import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_grid_worker_reads_their_grid_and_a_courtyard_on_a_phone(page, live_server, demo_tx):
    sign_in(page, live_server, User.objects.get(username="demo_grid"))
    page.goto(live_server.url + "/manage/reports/grids/xinhong-grid-1/")
    assert page.locator("h1").inner_text() == "新鸿社区第一网格"
    assert page.get_by_role("heading", name="网格数据").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    assert serious_violations(page) == []

    page.get_by_role("link", name="新鸿南路院落", exact=True).click()  # the table's link (the map's names its days too)
    page.wait_for_url("**/manage/reports/grids/xinhong-grid-1/xinhong-nanlu/")
    assert page.get_by_role("heading", name="最近的巡查").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_violations(page) == []
