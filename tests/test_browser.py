"""The public pages in a real browser at a phone's size, checked with axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


WCAG_22_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def wcag_violations(page) -> list[str]:
    """Every violation of the WCAG 2.2 AA rule set, of any impact: what the journeys of issue 14 must keep at none."""
    results = Axe().run(page, options=WCAG_22_AA)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in results.response["violations"]]


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]


def test_home_page_on_a_phone_names_the_streets_and_passes_axe(page, live_server, demo_tx):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "成华区"
    for street in ["双桥子街道", "圣灯街道", "龙潭街道", "建设路街道"]:
        assert page.get_by_role("link", name=street).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    assert serious_violations(page) == []


def test_community_page_on_a_phone_passes_axe(page, live_server, demo_tx):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="新鸿社区").click()
    page.wait_for_url("**/communities/xinhong/")
    assert page.locator("h1").inner_text() == "新鸿社区"
    assert page.get_by_role("cell", name="新鸿南路院落").is_visible()  # the courtyard table (the request feed names it too)
    assert serious_violations(page) == []


def test_english_is_one_tap_away(page, live_server, demo_tx):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="English").click()
    assert page.get_by_role("heading", name="Streets and communities").is_visible()
