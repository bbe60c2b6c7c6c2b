"""A social worker logs a free clinic on a phone; the community page's totals rise by exactly that."""

import re

import pytest
from django.test import Client

from governance.accounts.choices import Role
from governance.activities.models import Activity
from tests.base import DEMO_PASSWORD, make_staff
from tests.test_browser import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def clinic_figure(page, url: str) -> int:
    page.goto(url)
    text = page.locator(".field-totals").inner_text()
    return int(re.search(r"义诊服务 ([\d,]+) 人次", text).group(1).replace(",", ""))


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("手机号或用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def test_demo_worker_logs_a_free_clinic_on_a_phone_and_the_community_totals_rise(page, live_server, demo_tx):
    community_url = live_server.url + "/communities/xinhong/"
    before = clinic_figure(page, community_url)
    assert serious_violations(page) == []

    sign_in(page, live_server.url, "demo_worker")
    page.goto(live_server.url + "/work/activities/log/")
    assert page.get_by_label("日期").input_value(), "today is filled in"
    page.get_by_label("类型").select_option(label="义诊")
    page.get_by_label("服务人次").fill("30")
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    page.get_by_role("button", name="保存活动").click()
    page.wait_for_url("**/work/activities/*/?logged=1")
    assert "已登记" in page.locator(".messages").inner_text()

    assert clinic_figure(page, community_url) == before + 30
    activity = Activity.objects.filter(logged_by=demo_tx.worker).latest("created_at")
    assert activity.person_times == 30 and activity.type.name == "义诊"

    street = Client()
    street.force_login(demo_tx.street)
    assert street.get(f"/work/activities/{activity.code}/").status_code == 200
    shengdeng = Client()
    shengdeng.force_login(make_staff(role=Role.STREET_STAFF, node=demo_tx.shengdeng))
    assert shengdeng.get(f"/work/activities/{activity.code}/").status_code == 404


def test_the_log_form_keeps_what_was_typed_when_the_network_drops_and_a_resubmit_makes_one_activity(page, live_server, demo_tx):
    sign_in(page, live_server.url, "demo_worker")
    form_url = live_server.url + "/work/activities/log/"
    page.goto(form_url)
    key = page.locator("input[name=idempotency_key]").input_value()
    page.get_by_label("服务人次").fill("17")
    page.get_by_text("更多").click()
    page.get_by_label("标题").fill("断网时的义诊")

    # The first submit reaches the server, but the answer is lost on the way back.
    def drop_answer(route):
        if route.request.method == "POST":
            route.fetch()
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/work/activities/log/", drop_answer)
    page.get_by_role("button", name="保存活动").click()
    page.wait_for_timeout(500)
    page.unroute("**/work/activities/log/")
    assert Activity.objects.filter(idempotency_key=key).count() == 1

    page.goto(form_url)  # the worker opens the form again
    assert page.get_by_label("服务人次").input_value() == "17"
    assert page.get_by_label("标题").input_value() == "断网时的义诊"
    assert page.locator("input[name=idempotency_key]").input_value() == key
    assert page.locator("#draft-note").is_visible()
    page.get_by_role("button", name="保存活动").click()
    page.wait_for_url("**/work/activities/*/?logged=1")
    assert Activity.objects.filter(idempotency_key=key).count() == 1

    page.goto(form_url)  # after the success the draft is gone: a fresh form and a fresh key
    assert page.get_by_label("服务人次").input_value() == ""
    assert page.locator("input[name=idempotency_key]").input_value() != key
