"""On a 390 x 844 phone: a resident files a request with a photo in five interactions from the home page (issue 14)."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from governance.requests.models import Request
from tests.journey import Journey
from tests.test_browser import wcag_violations

from .helpers import png_bytes
from .test_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAMP = "2栋门口的路灯坏了三天，晚上很黑。"
PHOTO = {"name": "lamp.png", "mimeType": "image/png", "buffer": png_bytes()}
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"  # what the portal looks like, at 390 px


def keep_screenshot(page, name: str) -> None:
    """Refreshed only on request (UPDATE_SCREENSHOTS=1, as tests/test_screenshots.py): a test run leaves the tree clean."""
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        page.screenshot(path=SCREENSHOTS / name, full_page=True)


FILED = re.compile(r".*/requests/CH-\d{4}-\d{6}/filed/$")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_resident_files_a_request_with_a_photo_in_five_interactions_from_home(page, live_server, demo_tx):
    sign_in(page, live_server.url, "demo_resident", "/")
    page.goto(live_server.url + "/")
    assert wcag_violations(page) == []
    journey = Journey(page)

    journey.tap(page.locator("main").get_by_role("link", name=re.compile("提交诉求")))
    page.wait_for_url("**/requests/new/")
    home = demo_tx.resident.home_unit
    expect(page.locator("#place-summary")).to_have_text(f"{home.address}（我家）")  # defaulted: nothing to choose
    assert wcag_violations(page) == []
    journey.tap(page.get_by_role("radio", name=re.compile("公共设施")))
    journey.fill(page.get_by_label("说说情况"), LAMP)
    journey.upload(page.get_by_label("添加照片"), [PHOTO])
    expect(page.locator("#photo-chosen")).to_have_text("已选 1 张照片：lamp.png")
    keep_screenshot(page, "filing-form.png")
    journey.tap(page.get_by_role("button", name="提交诉求"))

    page.wait_for_url(FILED)
    assert journey.interactions <= 5, journey.steps
    request = Request.objects.get(resident=demo_tx.resident, text=LAMP)
    assert request.category.code == "facilities" and request.unit == home and request.photos.count() == 1
    assert request.title == "2栋门口的路灯坏了三天"
    expect(page.get_by_role("heading", level=1)).to_have_text("您的诉求已提交")
    expect(page.locator("#tracking-number")).to_have_text(request.number)
    expect(page.get_by_text(f"由{request.owner_name}办理")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    assert wcag_violations(page) == []
    keep_screenshot(page, "filing-confirmation.png")


def test_the_place_panel_opens_to_another_place_and_a_failed_submit_says_what_is_missing(page, live_server, demo_tx):
    sign_in(page, live_server.url, "demo_resident", "/requests/new/")
    courtyard = demo_tx.resident.home_unit.courtyard
    page.locator("#place-panel summary").click()
    page.get_by_role("radio", name=f"{courtyard.name}（我的院落）").check()
    expect(page.locator("#place-summary")).to_have_text(f"{courtyard.name}（我的院落）")
    assert wcag_violations(page) == []

    page.get_by_role("button", name="提交诉求").click()  # no category, no text
    page.wait_for_load_state()
    expect(page.locator("#id_category_error")).to_be_visible()
    expect(page.locator(".has-error .error").first).to_be_visible()
    expect(page.locator("#place-summary")).to_have_text(f"{courtyard.name}（我的院落）")  # the choice survives, folded
    assert wcag_violations(page) == []

    page.get_by_role("radio", name=re.compile("环境卫生")).check()
    page.get_by_label("说说情况").fill("院落门口垃圾桶满了没人清运。")
    page.get_by_role("button", name="提交诉求").click()
    page.wait_for_url(FILED)
    request = Request.objects.get(resident=demo_tx.resident, text="院落门口垃圾桶满了没人清运。")
    assert request.courtyard == courtyard and request.unit is None and request.photos.count() == 0


def test_a_tapped_tile_brings_its_own_questions(page, live_server, demo_tx):
    sign_in(page, live_server.url, "demo_resident", "/requests/new/")
    expect(page.get_by_label("道路出了什么问题？")).to_have_count(0)
    page.get_by_role("radio", name=re.compile("道路")).check()
    expect(page.get_by_label("道路出了什么问题？")).to_be_visible()
    page.get_by_label("道路出了什么问题？").select_option("pothole")
    page.get_by_label("说说情况").fill("小区门口路面有个大坑。")
    assert wcag_violations(page) == []
    page.get_by_role("button", name="提交诉求").click()
    page.wait_for_url(FILED)
    request = Request.objects.get(resident=demo_tx.resident, text="小区门口路面有个大坑。")
    assert request.category.code == "roads" and request.attributes == {"hazard": "pothole"}
