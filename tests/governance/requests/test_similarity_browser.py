"""On a phone in a real Chromium: a resident typing a request like an open one sees it suggested and adds a +1 instead."""

import re

import pytest

from governance.requests.models import Request, Support
from tests.base import make_user

from .helpers import file_request
from .test_browser import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("without_demo_requests")]


def test_a_resident_typing_a_request_like_an_open_one_adds_a_plus_one_instead_of_filing(page, live_server, demo_tx):
    filer = make_user(display_name="邻居", home_unit=demo_tx.resident.home_unit)
    lift = file_request(demo_tx, resident=filer, title="3栋电梯停运")
    sign_in(page, live_server.url, "demo_resident", "/requests/new/")
    page.get_by_role("radio", name=re.compile("公共设施")).check()
    requests_before = Request.objects.count()

    page.fill("#id_text", "电梯又停运了")  # typed: htmx asks for the open requests like it, by the home unit's code
    suggestion = page.locator("#similar-requests li", has_text="3栋电梯停运")
    suggestion.wait_for(timeout=10_000)
    assert serious_violations(page) == []
    suggestion.get_by_role("button", name="+1 我也遇到这个问题").click()
    told = page.get_by_role("status").filter(has_text=lift.number)
    told.wait_for(timeout=10_000)
    assert "无需再提交" in told.inner_text()

    assert Request.objects.count() == requests_before, "nothing was filed"
    lift.refresh_from_db()
    assert lift.support_count == 1 and Support.objects.filter(request=lift, user=demo_tx.resident).exists()
    assert page.url.endswith("/requests/new/"), "the form was not submitted"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
