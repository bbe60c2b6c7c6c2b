from datetime import timedelta

import pytest
from django.utils import timezone

from governance.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def token_of(client, username="demo_street", password="chenghua-demo") -> str:
    return client.post("/api/v1/auth/token/", {"username": username, "password": password}).json()["token"]


def test_a_token_from_username_and_password_opens_the_api(client, demo):
    token = client.post("/api/v1/auth/token/", {"username": "demo_street", "password": "chenghua-demo"}).json()["token"]
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").json()
    assert me["username"] == "demo_street"
    assert me["roles"] == [{"role": "street_staff", "level": "street", "node": "shuangqiaozi"}]


def test_wrong_passwords_are_throttled(client, demo):
    """Per address, across accounts (one account is paused sooner by the lockout: test_lockout.py)."""
    answers = [client.post("/api/v1/auth/token/", {"username": f"guess{n}", "password": "wrong"}).status_code for n in range(12)]
    assert answers[:10] == [400] * 10
    assert answers[-1] == 429


def test_the_schema_and_its_docs_are_served_offline(client, demo):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/units/" in schema.content
    docs = client.get("/api/docs/").text
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs
    assert "cdn" not in docs.lower()


def test_a_token_is_stored_only_as_its_hash_and_says_when_it_expires(client, demo, settings):
    answer = client.post("/api/v1/auth/token/", {"username": "demo_street", "password": "chenghua-demo"}).json()
    assert answer["expires_in_hours"] == settings.API_TOKEN_TTL_HOURS == 24 * 30
    row = ApiToken.objects.get(user=demo.street)
    assert answer["token"] not in (row.key_hash, row.session_hash)
    assert timedelta(days=29) < row.expires_at - timezone.now() <= timedelta(days=30)


def test_an_expired_token_is_refused_like_an_unknown_one(client, demo):
    token = token_of(client)
    ApiToken.objects.filter(user=demo.street).update(expires_at=timezone.now() - timedelta(seconds=1))  # a month later
    expired = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    unknown = client.get("/api/v1/me/", HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert (
        (expired.status_code, expired.json())
        == (unknown.status_code, unknown.json())
        == (401, {"detail": "令牌无效或已过期。", "code": "authentication_failed", "fields": {}})
    )
    assert expired["WWW-Authenticate"] == "Token"


def test_sign_out_everywhere_through_the_api_revokes_every_token(client, demo):
    first, second = token_of(client), token_of(client)
    response = client.post("/api/v1/auth/sign-out-everywhere/", HTTP_AUTHORIZATION=f"Token {first}")
    assert response.status_code == 204
    assert not ApiToken.objects.filter(user=demo.street).exists()
    for token in (first, second):
        assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401


def test_a_deactivated_persons_token_stops_working(client, demo):
    token = token_of(client)
    type(demo.street).objects.filter(pk=demo.street.pk).update(is_active=False)
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
