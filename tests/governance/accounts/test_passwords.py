"""Residents change their password, or reset it by SMS; a district admin can force a reset.
Each ends the person's other sessions and every API token."""

import re

import pytest
from auditlog.models import LogEntry
from django.test import Client

from courtyards import services as tree_services
from governance.accounts.choices import Role
from governance.accounts.models import User
from tests.base import DEMO_PASSWORD, make_staff

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Qingshui-Lane-2026"


def token_for(username: str, password: str = DEMO_PASSWORD) -> str:
    return Client().post("/api/v1/auth/token/", {"username": username, "password": password}).json()["token"]


def api_me(token: str):
    return Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")


def signed_in(user) -> Client:
    other = Client()
    other.force_login(user)
    assert other.get("/accounts/me/").status_code == 200
    return other


def password_works(user, password: str) -> bool:
    """Signing in on the page with `password` succeeds (a fresh client, as on another device)."""
    response = Client().post("/accounts/login/", {"username": user.phone, "password": password})
    return response.status_code == 302


def sms_code(sms_outbox) -> str:
    return re.search(r"\d{6}", sms_outbox[-1]["text"]).group()


def test_a_resident_changes_their_password_and_every_other_device_is_signed_out(client, demo):
    phone_session, token = signed_in(demo.resident), token_for("demo_resident")
    client.force_login(demo.resident)
    response = client.post(
        "/accounts/password/", {"old_password": DEMO_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert "密码已修改" in response.text
    assert password_works(demo.resident, NEW_PASSWORD)
    assert client.get("/accounts/me/").status_code == 200  # this device stays signed in
    assert phone_session.get("/accounts/me/").status_code == 302  # the other one is signed out
    assert api_me(token).status_code == 401
    assert not demo.resident.api_tokens.exists()


def test_a_wrong_old_password_or_a_weak_new_one_changes_nothing(client, demo):
    client.force_login(demo.resident)
    wrong = client.post("/accounts/password/", {"old_password": "guess", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    weak = client.post("/accounts/password/", {"old_password": DEMO_PASSWORD, "new_password1": "12345678", "new_password2": "12345678"})
    assert "旧密码不正确" in wrong.text
    assert "这个密码太常见了" in weak.text
    demo.resident.refresh_from_db()
    assert demo.resident.check_password(DEMO_PASSWORD)


def test_a_resident_who_forgot_the_password_resets_it_with_an_sms_code(client, demo, sms_outbox):
    phone_session, token = signed_in(demo.resident), token_for("demo_resident")
    page = client.post("/accounts/password/reset/", {"phone": demo.resident.phone}, follow=True)
    assert "如果该号码能接收短信" in page.text
    assert sms_outbox[-1]["phone"] == demo.resident.phone and "重置" in sms_outbox[-1]["text"]
    done = client.post(
        "/accounts/password/reset/verify/",
        {"code": sms_code(sms_outbox), "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )
    assert "新密码已设置" in done.text
    assert password_works(demo.resident, NEW_PASSWORD)
    assert phone_session.get("/accounts/me/").status_code == 302
    assert api_me(token).status_code == 401


def test_a_wrong_reset_code_changes_nothing(client, demo, sms_outbox):
    client.post("/accounts/password/reset/", {"phone": demo.resident.phone})
    page = client.post("/accounts/password/reset/verify/", {"code": "000000", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert "验证码不正确" in page.text
    demo.resident.refresh_from_db()
    assert demo.resident.check_password(DEMO_PASSWORD)


def test_a_weak_new_password_is_refused_and_the_code_still_works(client, demo, sms_outbox):
    client.post("/accounts/password/reset/", {"phone": demo.resident.phone})
    weak = client.post("/accounts/password/reset/verify/", {"code": sms_code(sms_outbox), "password1": "12345678", "password2": "12345678"})
    assert "这个密码太常见了" in weak.text
    client.post("/accounts/password/reset/verify/", {"code": sms_code(sms_outbox), "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    demo.resident.refresh_from_db()
    assert demo.resident.check_password(NEW_PASSWORD)


def test_a_registration_code_cannot_reset_a_password(client, demo, sms_outbox, settings):
    settings.PHONE_CODE_RESEND_SECONDS = 0
    client.post("/accounts/register/", {"phone": "13712341234"})
    registration_code = sms_code(sms_outbox)
    person = User.objects.create_user(username="late_account", phone="13712341234", password=DEMO_PASSWORD)
    client.post("/accounts/password/reset/", {"phone": "13712341234"})
    assert sms_code(sms_outbox) != registration_code
    page = client.post(
        "/accounts/password/reset/verify/", {"code": registration_code, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert "验证码不正确" in page.text
    person.refresh_from_db()
    assert person.check_password(DEMO_PASSWORD)


def test_a_reset_for_a_number_without_an_account_answers_the_same_and_sends_nothing(client, demo, sms_outbox):
    unknown = client.post("/accounts/password/reset/", {"phone": "13712345600"})
    known = Client().post("/accounts/password/reset/", {"phone": demo.resident2.phone})
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"]) == (302, "/accounts/password/reset/verify/")
    assert [m["phone"] for m in sms_outbox] == [demo.resident2.phone]


def test_the_login_and_account_pages_link_to_the_password_pages(client, demo):
    assert "/accounts/password/reset/" in client.get("/accounts/login/").text
    client.force_login(demo.resident)
    page = client.get("/accounts/me/").text
    assert "/accounts/password/" in page and "/accounts/sign-out-everywhere/" in page


def test_sign_out_everywhere_ends_every_session_and_token(client, demo):
    phone_session, token = signed_in(demo.resident), token_for("demo_resident")
    client.force_login(demo.resident)
    page = client.post("/accounts/sign-out-everywhere/", follow=True)
    assert "已在所有设备上退出登录" in page.text
    assert client.get("/accounts/me/").status_code == 302
    assert phone_session.get("/accounts/me/").status_code == 302
    assert api_me(token).status_code == 401
    assert password_works(demo.resident, DEMO_PASSWORD)  # the password still works


def forced_reset(client, admin, person):
    client.force_login(admin)
    return client.post(
        "/admin/accounts/user/", {"action": "force_password_reset", "_selected_action": [person.pk], "index": 0}, follow=True
    )


def test_a_district_admin_forces_a_reset_which_signs_the_person_out_and_is_audited(client, demo):
    phone_session, token = signed_in(demo.resident), token_for("demo_resident")
    page = forced_reset(client, demo.admin, demo.resident)
    assert "1 人需通过短信重新设置密码" in page.text
    demo.resident.refresh_from_db()
    assert not demo.resident.has_usable_password()
    assert not password_works(demo.resident, DEMO_PASSWORD)
    assert phone_session.get("/accounts/me/").status_code == 302
    assert api_me(token).status_code == 401
    entry = LogEntry.objects.get(object_pk=str(demo.resident.pk), additional_data__event="password.force_reset")
    assert entry.actor == demo.admin and entry.content_type.model == "user"
    assert demo.resident.password not in str(entry.changes) and "md5$" not in str(entry.changes)


def test_a_district_admin_can_force_a_reset_of_a_staff_member_without_a_home(client, demo):
    forced_reset(client, demo.admin, demo.street)
    demo.street.refresh_from_db()
    assert not demo.street.has_usable_password()


def test_community_staff_cannot_force_a_reset(client, demo):
    forced_reset(client, demo.community, demo.resident)
    demo.resident.refresh_from_db()
    assert demo.resident.check_password(DEMO_PASSWORD)
    assert not LogEntry.objects.filter(additional_data__event="password.force_reset").exists()


def test_a_district_admin_cannot_force_a_reset_of_someone_elsewhere(client, demo):
    jinjiang = tree_services.node_create(level="district", name="锦江区", code="jinjiang")
    outsider = make_staff(role=Role.DISTRICT_ADMIN, node=jinjiang)
    forced_reset(client, demo.admin, outsider)
    outsider.refresh_from_db()
    assert outsider.has_usable_password()


def test_after_a_forced_reset_the_person_gets_back_in_by_sms(client, demo, sms_outbox):
    forced_reset(Client(), demo.admin, demo.resident)
    client.post("/accounts/password/reset/", {"phone": demo.resident.phone})
    client.post("/accounts/password/reset/verify/", {"code": sms_code(sms_outbox), "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert password_works(demo.resident, NEW_PASSWORD)


def test_changing_ones_own_password_in_the_admin_also_ends_the_api_tokens(client, demo):
    token = token_for("demo_community")
    client.force_login(demo.community)
    response = client.post(
        "/admin/password_change/", {"old_password": DEMO_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert api_me(token).status_code == 401
    assert client.get("/admin/").status_code == 200  # the admin keeps this session
