"""A resident on a phone reads a community's public requests and statistics, and adds a +1; axe finds nothing serious."""

import pytest

from tests.base import make_request, make_user
from tests.test_browser import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("without_demo_requests")]


def test_feed_and_statistics_on_a_phone_pass_axe_and_a_plus_one_counts(page, live_server, demo_tx, client):
    lamp = make_request(resident=demo_tx.resident, title="楼道灯坏了")
    neighbour = make_user(display_name="邻居")
    page.context.add_cookies(_session_cookie(client, neighbour, live_server.url))
    page.goto(live_server.url + "/communities/xinhong/requests/")
    assert page.get_by_role("heading", name="楼道灯坏了").is_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="+1 我也遇到这个问题").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").first.is_visible()
    lamp.refresh_from_db()
    assert lamp.support_count == 1
    page.goto(live_server.url + "/communities/xinhong/requests/stats/")
    assert page.get_by_role("heading", name="“三率”").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    assert serious_violations(page) == []


def _session_cookie(client, user, url: str) -> list[dict]:
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    return [{"name": "sessionid", "value": cookie.value, "url": url}]
