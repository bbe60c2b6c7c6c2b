"""Five wrong passwords pause an account, however the person names it: by username or by mobile number."""

import pytest
from axes.models import AccessAttempt
from django.test import override_settings

pytestmark = pytest.mark.django_db

PASSWORD = "chenghua-demo"


def fail_five_times_by_username(client, username, path="/accounts/login/"):
    for _ in range(5):
        client.post(path, {"username": username, "password": "wrong"})


def test_after_five_failures_by_username_the_phone_number_is_refused_too(client, demo):
    fail_five_times_by_username(client, demo.resident.username)
    locked = client.post("/accounts/login/", {"username": demo.resident.phone, "password": PASSWORD})
    assert locked.status_code == 429 and "登录已暂停" in locked.text
    assert "_auth_user_id" not in client.session


def test_failures_by_phone_and_by_username_add_up_on_one_account(client, demo):
    for login in [demo.resident.phone, demo.resident.username] * 2 + [demo.resident.phone]:
        client.post("/accounts/login/", {"username": login, "password": "wrong"})
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {demo.resident.username}
    assert client.post("/accounts/login/", {"username": demo.resident.username, "password": PASSWORD}).status_code == 429


def test_the_token_endpoint_shares_the_lockout_of_the_web_sign_in(client, demo):
    fail_five_times_by_username(client, demo.resident.username)
    answer = client.post("/api/v1/auth/token/", {"username": demo.resident.phone, "password": PASSWORD})
    assert answer.status_code == 429 and "token" not in answer.json()
    assert "登录已暂停" in answer.json()["detail"]


def test_failures_on_the_token_endpoint_lock_the_web_sign_in(client, demo):
    fail_five_times_by_username(client, demo.resident.phone, path="/api/v1/auth/token/")
    locked = client.post("/accounts/login/", {"username": demo.resident.username, "password": PASSWORD})
    assert locked.status_code == 429 and "_auth_user_id" not in client.session


def test_another_address_still_signs_in_until_the_account_wide_limit(client, demo):
    fail_five_times_by_username(client, demo.resident.username)
    elsewhere = client.post("/accounts/login/", {"username": demo.resident.phone, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert elsewhere.status_code == 302 and client.session["_auth_user_id"] == str(demo.resident.pk)


@override_settings(ACCOUNT_LOCKOUT_FAILURE_LIMIT=8)
def test_failures_spread_over_many_addresses_lock_the_account_everywhere(client, demo):
    for address in range(8):
        client.post("/accounts/login/", {"username": demo.resident.phone, "password": "wrong"}, REMOTE_ADDR=f"10.0.1.{address}")
    fresh = client.post("/accounts/login/", {"username": demo.resident.username, "password": PASSWORD}, REMOTE_ADDR="10.0.2.1")
    assert fresh.status_code == 429 and "_auth_user_id" not in client.session
