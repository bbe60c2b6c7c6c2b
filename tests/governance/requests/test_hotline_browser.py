"""A hotline request in a real Chromium: the operator files it while the caller is on the line, the caller
gets the tracking number by SMS and follows it on a phone with that number, their mobile number and a code."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from governance.requests.models import Request
from tests.base import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CALLER_PHONE = "13612345678"


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]


def test_a_hotline_request_goes_from_the_operators_form_to_the_callers_tracking_page(page, live_server, demo_tx, sms_outbox):
    base = live_server.url
    page.goto(f"{base}/accounts/login/?next=/manage/hotline/new/")
    page.fill("#id_username", "demo_operator")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url("**/manage/hotline/new/")
    assert serious_violations(page) == []
    page.fill("#id_phone", CALLER_PHONE)
    page.fill("#id_name", "王先生")
    page.select_option("#id_category", "sanitation")
    page.select_option("#id_place", "courtyard:xinhong-nanlu")
    page.fill("#id_title", "楼下垃圾没人清运")
    page.fill("#id_text", "来电反映垃圾桶已满三天。")
    page.locator("#hotline-form button[type=submit]").click()
    page.wait_for_url("**/manage/hotline/")
    request = Request.objects.get(title="楼下垃圾没人清运")
    assert request.caller.phone == CALLER_PHONE and request.resident is None
    assert page.get_by_text(request.number).first.is_visible()
    texted = [m for m in sms_outbox if m["phone"] == CALLER_PHONE]
    assert texted and request.number in texted[0]["text"], "the caller got the tracking number by SMS"

    page.context.clear_cookies()  # the caller, on their own phone, without an account
    page.goto(f"{base}/track/")
    assert serious_violations(page) == []
    page.fill("#id_number", request.number)
    page.fill("#id_phone", CALLER_PHONE)
    page.locator("#track-form button[type=submit]").click()
    page.wait_for_url("**/track/code/")
    code = re.search(r"\d{6}", sms_outbox[-1]["text"]).group()
    page.fill("#id_code", "000000" if code != "000000" else "111111")
    page.locator("#track-code-form button[type=submit]").click()
    assert page.url.endswith("/track/code/"), "a wrong code opens nothing"
    page.fill("#id_code", code)
    page.locator("#track-code-form button[type=submit]").click()
    page.wait_for_url(f"**/track/{request.number}/")
    assert page.locator("h1").inner_text() == "楼下垃圾没人清运"
    assert page.get_by_text("已提交").first.is_visible() or page.get_by_text("Submitted").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    assert serious_violations(page) == []
