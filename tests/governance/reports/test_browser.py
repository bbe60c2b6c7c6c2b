"""Street staff on a phone: the dashboard passes axe, and a report's bar moves until the files are there."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}]
    )


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]


@pytest.mark.worker
def test_street_staff_read_the_dashboard_and_get_a_report_on_a_phone(page, live_server, demo_tx, celery_worker_process):
    sign_in(page, live_server, demo_tx.street)
    page.goto(live_server.url + "/manage/reports/street/shuangqiaozi/")
    assert page.locator("h1").inner_text() == "双桥子街道"
    assert page.locator("svg[role=img] title").first.text_content() == "每月提交的诉求"
    assert page.get_by_role("link", name="新鸿社区", exact=True).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    assert serious_violations(page) == []

    page.get_by_role("button", name="生成报表").click()
    page.wait_for_url("**/manage/reports/jobs/*/")
    assert page.locator("progress").count() == 1
    page.get_by_role("link", name="下载 PDF").wait_for(timeout=30_000)  # htmx polled the bar, then refreshed the page
    assert serious_violations(page) == []
