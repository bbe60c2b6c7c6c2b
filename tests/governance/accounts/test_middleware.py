"""A new session key at every sign-in; staff signed out after 30 idle minutes or 12 hours (time moved by session values)."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session

from governance.accounts.middleware import LAST_SEEN, SIGNED_IN_AT

pytestmark = pytest.mark.django_db

MINUTE, HOUR = 60, 3600


def test_signing_in_gives_a_new_session_key_and_ends_the_old_one(client, demo):
    session = client.session  # an anonymous session holding something, as a visitor's would
    session["before_sign_in"] = True
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    before = session.session_key

    client.post("/accounts/login/", {"username": demo.resident.phone, "password": "chenghua-demo"})
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before and client.session["_auth_user_id"] == str(demo.resident.pk)
    assert not Session.objects.filter(session_key=before).exists()


def signed_in_since(client, user, *, signed_in_ago, last_seen_ago):
    client.force_login(user)
    session = client.session
    now = time.time()
    session[SIGNED_IN_AT], session[LAST_SEEN] = now - signed_in_ago, now - last_seen_ago
    session.save()


def test_staff_idle_for_more_than_30_minutes_are_signed_out(client, demo):
    signed_in_since(client, demo.community, signed_in_ago=2 * HOUR, last_seen_ago=31 * MINUTE)
    page = client.get("/manage/claims/", follow=True)
    assert page.redirect_chain[0][0] == "/accounts/login/?next=/manage/claims/"
    assert "长时间未操作" in page.text
    assert "_auth_user_id" not in client.session


def test_staff_active_within_30_minutes_stay_signed_in_and_are_seen_again(client, demo):
    signed_in_since(client, demo.community, signed_in_ago=2 * HOUR, last_seen_ago=29 * MINUTE)
    assert client.get("/manage/claims/").status_code == 200
    assert client.session["_auth_user_id"] == str(demo.community.pk)
    assert time.time() - client.session[LAST_SEEN] < MINUTE


def test_staff_are_signed_out_twelve_hours_after_signing_in_however_active(client, demo):
    signed_in_since(client, demo.street, signed_in_ago=12 * HOUR + MINUTE, last_seen_ago=MINUTE)
    assert client.get("/manage/claims/")["Location"] == "/accounts/login/?next=/manage/claims/"
    assert "_auth_user_id" not in client.session


def test_an_expired_staff_session_opens_no_api(client, demo):
    signed_in_since(client, demo.street, signed_in_ago=HOUR, last_seen_ago=HOUR)
    assert client.get("/api/v1/me/").status_code == 403
    assert "_auth_user_id" not in client.session


def test_residents_idle_for_hours_stay_signed_in(client, demo):
    signed_in_since(client, demo.resident, signed_in_ago=13 * HOUR, last_seen_ago=5 * HOUR)
    assert client.get("/api/v1/me/").json()["username"] == demo.resident.username


def test_signing_in_starts_both_clocks(client, demo):
    client.force_login(demo.worker)
    assert time.time() - client.session[SIGNED_IN_AT] < MINUTE
    assert client.session[LAST_SEEN] == client.session[SIGNED_IN_AT]
