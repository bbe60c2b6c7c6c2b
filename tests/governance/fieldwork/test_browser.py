"""A grid worker logs a patrol on a phone with a weak signal: the draft keeps the ticks, one patrol is made."""

import re

import pytest
from playwright.sync_api import expect

from governance.fieldwork.models import Patrol
from tests.governance.activities.test_browser import sign_in
from tests.test_browser import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_grid_worker_logs_a_patrol_through_a_dropped_answer_and_one_patrol_is_made(page, live_server, demo_tx):
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 30.65512, "longitude": 104.10483})
    sign_in(page, live_server.url, "demo_grid")
    form_url = live_server.url + "/work/grid/patrols/log/"
    page.goto(form_url)
    assert page.locator("input[name=started_at]").input_value(), "now is filled in"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    assert serious_violations(page) == []
    key = page.locator("input[name=idempotency_key]").input_value()
    page.get_by_label("新华苑院落").check()
    page.get_by_label("消防通道").check()
    page.get_by_label("备注").fill("消防通道有电瓶车")
    page.get_by_role("button", name="记录位置").click()
    # A locator expectation, not wait_for_function: the page's CSP forbids the eval a string predicate needs.
    expect(page.locator("input[name=route]")).to_have_value(re.compile(r".{3,}"))

    def drop_answer(route):
        if route.request.method == "POST":
            route.fetch()
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/work/grid/patrols/log/", drop_answer)
    page.get_by_role("button", name="保存巡查").click()
    page.wait_for_timeout(500)
    page.unroute("**/work/grid/patrols/log/")
    assert Patrol.objects.filter(idempotency_key=key).count() == 1

    page.goto(form_url)  # the worker opens the form again: ticks, note, route and key come back
    assert page.get_by_label("新华苑院落").is_checked() and not page.get_by_label("新鸿南路院落").is_checked()
    assert page.get_by_label("消防通道").is_checked()
    assert page.get_by_label("备注").input_value() == "消防通道有电瓶车"
    assert page.locator("input[name=idempotency_key]").input_value() == key
    page.get_by_role("button", name="保存巡查").click()
    page.wait_for_url("**/work/grid/patrols/*/?logged=1")
    patrol = Patrol.objects.get(idempotency_key=key)
    assert patrol.checks == ["fire_lanes"] and len(patrol.route) == 1
    assert list(patrol.covered.values_list("courtyard__code", flat=True)) == ["xinhuayuan"]

    page.goto(form_url)  # after the success the draft is gone
    assert not page.get_by_label("新华苑院落").is_checked()
    assert page.locator("input[name=idempotency_key]").input_value() != key
