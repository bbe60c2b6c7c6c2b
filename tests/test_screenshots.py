"""What the portal looks like on a phone: full-page screenshots at 390 px, taken by a test so they never go stale.

Always saved to a temporary directory (the test checks them); with UPDATE_SCREENSHOTS=1 also into docs/screenshots/,
which is how the committed set is made (docs/screenshots/README.md).
"""

import os
import re
import shutil
import struct
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.governance.activities.test_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PHONE_WIDTH = 390

# (file, account, page, its heading): the home and the queue are being renamed by issue 14 (我的社区, 工作台),
# so either the name of today or the one the issue asks for is the page's own heading
SHOTS = [
    ("resident-home.png", "demo_resident", "/", re.compile("我的社区|成华区")),
    ("filing-form.png", "demo_resident", "/requests/new/", re.compile("提交诉求|新诉求|我要反映")),
    ("staff-queue.png", "demo_community", "/manage/requests/", re.compile("诉求工作台|工作台|诉求")),
    ("dashboard.png", "demo_community", "/manage/reports/community/xinhong/", re.compile("新鸿社区")),
]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header: the signature, then the IHDR chunk's first two fields."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_screenshots_of_the_resident_home_filing_form_staff_queue_and_dashboard_at_phone_width(page, live_server, demo_tx, tmp_path):
    signed_in = None
    for name, account, url, heading in SHOTS:
        if account != signed_in:
            page.context.clear_cookies()
            sign_in(page, live_server.url, account)
            signed_in = account
        page.goto(live_server.url + url)
        expect(page.locator("main h1").first).to_have_text(heading)
        path = tmp_path / name
        page.screenshot(path=path, full_page=True)
        width, height = png_size(path)
        assert width == PHONE_WIDTH and height >= 400, (name, width, height)
        if os.environ.get("UPDATE_SCREENSHOTS") == "1":
            DOCS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, DOCS / name)
