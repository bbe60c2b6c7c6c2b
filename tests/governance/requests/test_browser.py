"""The resident's journey on a phone in a real Chromium: sign in, submit with a photo, follow it; who else may see it."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from governance.accounts.choices import Role
from governance.requests.models import Request
from tests.base import DEMO_PASSWORD, make_staff

from .helpers import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} {[n['html'][:120] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def sign_in(page, base: str, username: str, next_url: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_load_state()


def test_a_resident_submits_a_request_with_a_photo_on_a_phone_and_only_those_in_scope_see_it(page, live_server, demo_tx):
    base = live_server.url
    sign_in(page, base, "demo_resident", "/requests/new/")
    assert page.url.endswith("/requests/new/")
    assert serious_violations(page) == []
    page.get_by_role("radio", name=re.compile("公共设施")).check()
    page.locator("#options-panel summary").click()  # the title is optional, folded with the privacy choices
    page.fill("#id_title", "楼道灯不亮")
    page.fill("#id_text", "1栋1单元楼道灯坏了三天。")
    page.set_input_files("#id_photos", files=[{"name": "lamp.png", "mimeType": "image/png", "buffer": png_bytes()}])
    page.locator("#request-form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/requests/CH-\d{4}-\d{6}/filed/$"))
    request = Request.objects.get(title="楼道灯不亮", resident=demo_tx.resident)
    page.get_by_role("link", name="查看诉求进度").click()
    page.wait_for_url(re.compile(r".*/requests/CH-\d{4}-\d{6}/$"))
    photo_url = f"{base}/requests/photos/{request.photos.get().code}/"
    assert page.locator("h1").inner_text() == "楼道灯不亮"
    image = page.locator(f'img[src$="{request.photos.get().code}/"]')
    image.scroll_into_view_if_needed()  # it loads lazily, as it should on a phone
    loaded = "img => img.complete && img.naturalWidth ? img.naturalWidth : new Promise(done => img.addEventListener('load', () => done(img.naturalWidth)))"
    assert image.evaluate(loaded) > 0, "the photo is shown"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    assert serious_violations(page) == []
    page.goto(f"{base}/requests/mine/")
    assert page.get_by_text(request.number).is_visible()

    sign_in(page, base, "demo_street", "/manage/requests/")
    assert page.get_by_role("link", name="楼道灯不亮").is_visible()
    assert serious_violations(page) == []

    outsider = make_staff(role=Role.STREET_STAFF, node=demo_tx.shengdeng)
    for username in ["demo_resident2", outsider.username]:
        sign_in(page, base, username, "/")
        for url in [f"{base}/requests/{request.number}/", f"{base}/manage/requests/{request.number}/", photo_url]:
            assert page.goto(url).status == 404, (username, url)
