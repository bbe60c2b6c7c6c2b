"""Staff and admins show a TOTP code after their password before staff pages, the admin or a staff token open."""

import os
import re
import subprocess
import sys
from base64 import b32decode
from pathlib import Path

import pytest
from django.test import override_settings
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.accounts import services

pytestmark = pytest.mark.django_db
otp_required = override_settings(OTP_REQUIRED_FOR_STAFF=True)
ROOT = Path(__file__).resolve().parents[3]


def code_of(device: TOTPDevice, *, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + offset):06d}"


def enrolled(user) -> TOTPDevice:
    """A device enrolled a step ago, so that the current code has not been used yet."""
    key = "3132333435363738393031323334353637383930"
    earlier = TOTP(bytes.fromhex(key), drift=-1).token()
    return services.totp_device_create(user=user, key=key, code=f"{earlier:06d}")


@otp_required
def test_staff_signed_in_by_password_alone_are_sent_to_the_code_step_on_staff_pages(client, demo):
    enrolled(demo.community)
    client.force_login(demo.community)
    page = client.get("/manage/claims/", follow=True)
    assert page.redirect_chain[0][0] == "/accounts/otp/?next=%2Fmanage%2Fclaims%2F"
    assert "身份验证器" in page.text and "待核实" not in page.text


@otp_required
def test_the_admin_sends_staff_without_a_code_to_the_code_step(client, demo):
    enrolled(demo.admin)
    client.force_login(demo.admin)
    page = client.get("/admin/", follow=True)
    assert page.redirect_chain[-1][0].startswith("/accounts/otp/?next=")
    assert "身份验证器" in page.text and "站点管理" not in page.text


@otp_required
def test_a_real_code_opens_the_staff_pages_and_the_admin(client, demo):
    device = enrolled(demo.admin)
    client.force_login(demo.admin)
    before = client.session.session_key
    answer = client.post("/accounts/otp/", {"code": code_of(device), "next": "/admin/"})
    assert answer["Location"] == "/admin/" and client.session.session_key != before
    assert client.get("/admin/").status_code == 200
    assert client.get("/manage/claims/").status_code == 200


@otp_required
def test_a_wrong_code_keeps_the_staff_pages_shut(client, demo):
    device = enrolled(demo.community)
    client.force_login(demo.community)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    page = client.post("/accounts/otp/", {"code": wrong, "next": "/manage/claims/"})
    assert "验证码不对" in page.text
    assert client.get("/manage/claims/")["Location"].startswith("/accounts/otp/")


@otp_required
def test_a_staff_session_without_a_code_opens_no_api(client, demo):
    client.force_login(demo.street)
    answer = client.get("/api/v1/me/")
    assert answer.status_code == 403 and "身份验证器" in answer.json()["detail"]


@otp_required
def test_a_staff_token_needs_a_code_and_a_real_one_gets_it(client, demo):
    device = enrolled(demo.street)
    refused = client.post("/api/v1/auth/token/", {"username": "demo_street", "password": "chenghua-demo"})
    assert refused.status_code == 400 and "token" not in refused.json() and "otp_token" in refused.json()["fields"]
    granted = client.post("/api/v1/auth/token/", {"username": "demo_street", "password": "chenghua-demo", "otp_token": code_of(device)})
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {granted.json()['token']}").json()
    assert me["username"] == "demo_street"


@otp_required
def test_a_code_is_good_only_once(client, demo):
    device = enrolled(demo.street)
    code = code_of(device)
    client.post("/api/v1/auth/token/", {"username": "demo_street", "password": "chenghua-demo", "otp_token": code})
    again = client.post("/api/v1/auth/token/", {"username": "demo_street", "password": "chenghua-demo", "otp_token": code})
    assert again.status_code == 400 and "token" not in again.json()


@otp_required
def test_residents_sign_in_and_get_tokens_by_password_alone(client, demo):
    token = client.post("/api/v1/auth/token/", {"username": demo.resident.phone, "password": "chenghua-demo"}).json()["token"]
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").json()["username"] == demo.resident.username
    assert client.get("/accounts/otp/setup/").status_code == 302  # not signed in in this client: to the sign-in page
    client.force_login(demo.resident)
    assert client.get("/accounts/otp/setup/").status_code == 404


@otp_required
def test_staff_signing_in_are_led_from_the_password_to_enrolment(client, demo):
    page = client.post(
        "/accounts/login/", {"username": "demo_community", "password": "chenghua-demo", "next": "/manage/claims/"}, follow=True
    )
    assert [url for url, _ in page.redirect_chain][-1].startswith("/accounts/otp/setup/")
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page.text).group(1).replace(" ", "")
    assert "otpauth://totp/" in page.text and "<svg" in page.text
    key = TOTP(b32decode(secret))
    answer = client.post("/accounts/otp/setup/", {"code": f"{key.token():06d}", "next": "/manage/claims/"})
    assert answer["Location"] == "/manage/claims/"
    assert TOTPDevice.objects.get(user=demo.community).confirmed
    assert client.get("/manage/claims/").status_code == 200


@otp_required
def test_enrolment_with_a_wrong_code_saves_no_device(client, demo):
    client.force_login(demo.worker)
    client.get("/accounts/otp/setup/")
    page = client.post("/accounts/otp/setup/", {"code": "000000"})
    assert "验证码不匹配" in page.text
    assert not TOTPDevice.objects.filter(user=demo.worker).exists()


def test_production_settings_refuse_to_start_with_the_second_factor_off():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "governance.settings", "DEBUG": "false", "OTP_REQUIRED_FOR_STAFF": "false"}
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/any"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: OTP_REQUIRED_FOR_STAFF=false is only for the embedded default" in result.stderr


def test_the_embedded_default_starts_with_the_second_factor_off(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "CACHE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="governance.settings", OTP_REQUIRED_FOR_STAFF="false", VAR_DIR=str(tmp_path))
    command = "import django; django.setup(); from django.conf import settings; print(settings.OTP_REQUIRED_FOR_STAFF)"
    result = subprocess.run([sys.executable, "-c", command], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
