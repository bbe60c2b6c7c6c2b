"""The portal's main pages in a real browser under its Content-Security-Policy: nothing is blocked, and what
used inline script (the response-template picker, the cascading home picker) still works from static files."""

import pytest
from django.conf import settings
from django.test import Client

from governance.requests.models import Request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any page script, in every document; Playwright's own evaluate() is not subject to the policy.
LISTEN = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.reportViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || location.pathname}:${e.lineNumber}`);
});
"""


@pytest.fixture
def violations(page):
    found = []
    page.expose_function("reportViolation", lambda text: found.append(text))
    page.add_init_script(LISTEN)
    page.on("console", lambda message: found.append(message.text) if "Content Security Policy" in message.text else None)
    return found


def sign_in(page, live_server, user) -> None:
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}]
    )


def visit(page, live_server, path: str) -> None:
    response = page.goto(live_server.url + path)
    assert response.status == 200, path
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")


def test_public_pages_and_sign_in_run_without_a_policy_violation(page, live_server, demo_tx, violations):
    for path in ["/", "/communities/xinhong/", "/communities/xinhong/requests/", "/accounts/register/", "/accounts/login/"]:
        visit(page, live_server, path)
    assert page.locator("#id_username").count() == 1
    assert violations == []


def test_swagger_ui_renders_the_api_under_the_policy(page, live_server, demo_tx, violations):
    visit(page, live_server, "/api/docs/")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "成华社区治理 API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 10, "the operations are listed"
    assert violations == []


def test_a_resident_claims_a_home_with_the_cascading_picker_and_opens_the_request_form(page, live_server, demo_tx, violations):
    sign_in(page, live_server, demo_tx.resident)
    visit(page, live_server, "/requests/new/")
    assert page.locator("#id_photos").count() == 1
    visit(page, live_server, "/me/home/")
    with page.expect_response(lambda answer: "/places/options/" in answer.url and "parent=xinhong" in answer.url):
        page.select_option("#id_community", "xinhong")
    page.locator("#id_courtyard option", has_text="新鸿南路院落").wait_for(state="attached")
    assert violations == []


def test_staff_pages_and_the_template_picker_run_without_a_policy_violation(page, live_server, demo_tx, violations):
    sign_in(page, live_server, demo_tx.community)
    visit(page, live_server, "/manage/requests/")
    item = Request.objects.filter(community=demo_tx.xinhong).exclude(status__in=["closed", "merged"]).first()
    visit(page, live_server, f"/manage/requests/{item.number}/")
    page.locator("#act-note summary").click()  # the 备注 action folds its note and template picker
    template = page.locator("#id_template option").nth(1)
    text = template.get_attribute("value")
    page.select_option("#id_template", index=1)
    assert page.locator("#id_note").input_value() == text, "the chosen template fills the note"
    assert violations == []


def test_the_dashboard_draws_its_charts_under_the_policy(page, live_server, demo_tx, violations):
    sign_in(page, live_server, demo_tx.street)
    visit(page, live_server, "/manage/reports/street/shuangqiaozi/")
    assert page.locator("figure.chart svg").first.is_visible()
    assert page.locator("figure.chart svg rect").count() >= 12, "a bar a month"
    assert page.locator("figure.chart").first.evaluate("f => getComputedStyle(f).marginTop") != "0px", (
        "the chart's margin comes from portal.css"
    )
    assert violations == []


def test_the_admin_runs_without_a_policy_violation(page, live_server, demo_tx, violations):
    sign_in(page, live_server, demo_tx.admin)
    for path in ["/admin/", "/admin/requests/request/", "/admin/accounts/user/", "/admin/courtyards/community/add/"]:
        visit(page, live_server, path)
    assert violations == []
