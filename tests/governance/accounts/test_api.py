import pytest

pytestmark = pytest.mark.django_db


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
