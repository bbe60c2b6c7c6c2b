"""What every answer tells the browser: the Content-Security-Policy, the Permissions-Policy, and whether it may be cached."""

import pytest
from django.urls import path, reverse

from governance.accounts.services import api_token_issue
from tests.access import all_routes
from tests.test_access_matrix import _unnamed_url

pytestmark = pytest.mark.django_db

PERSONAL = "private, no-store"


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _boom)]  # for the error page test, through @pytest.mark.urls


def csp_of(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


def first_get_urls(demo) -> list[str]:
    """A URL for every GET route of the access matrix, so a new page is covered as soon as it has a row."""
    urls = []
    for route, cases in all_routes().items():
        case = next((case for case in cases if case.method == "get"), None)
        if case is None:
            continue
        kwargs = case.resolve_kwargs(demo)
        url = reverse(route, kwargs=kwargs) if "/" not in route else _unnamed_url(route, kwargs)
        urls.append(url + ("?" + case.query if case.query else ""))
    return urls


def test_every_page_answers_with_the_content_security_policy(client, demo):
    urls = first_get_urls(demo)
    assert len(urls) > 100
    for persona in [None, demo.admin]:  # the admin reaches nearly every page; the resident's are tested below
        client.logout()
        if persona:
            client.force_login(persona)
        for url in urls:
            response = client.get(url)
            policy = csp_of(response)
            assert policy["default-src"] == ["'self'"], url
            assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"], url
            assert "camera=(self)" in response.headers["Permissions-Policy"], url
            if persona:
                assert response.headers["Cache-Control"] == PERSONAL, f"{url} as {persona}"


def test_the_policy_forbids_inline_script_framing_and_plugins(client, demo):
    policy = csp_of(client.get("/"))
    assert "script-src" not in policy and "style-src" not in policy, "both fall back to default-src 'self'"
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_swagger_ui_keeps_the_policy_and_only_allows_its_data_icons(client, demo):
    page = client.get("/api/docs/")
    policy = csp_of(page)
    assert policy["default-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    html = page.content.decode()
    assert "<style" not in html and "<script>" not in html, "nothing inline"
    script = client.get("/api/docs/?script=")
    assert script.headers["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_admin_and_django_error_pages_carry_the_policy(client, demo):
    client.force_login(demo.admin)
    admin = client.get("/admin/")
    assert csp_of(admin)["default-src"] == ["'self'"]
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert csp_of(missing)["default-src"] == ["'self'"]


@pytest.mark.urls(__name__)
def test_the_server_error_page_carries_the_policy(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Service unavailable" in response.content.decode()
    assert csp_of(response)["default-src"] == ["'self'"]
    assert "Permissions-Policy" in response.headers


def test_permissions_policy_lets_the_portal_use_camera_and_location_and_nothing_else(client, demo):
    header = client.get("/").headers["Permissions-Policy"]
    features = dict(item.split("=", 1) for item in header.split(", "))
    assert features["camera"] == "(self)"
    assert features["geolocation"] == "(self)"
    assert features["microphone"] == "()"
    assert features["payment"] == "()"


def test_a_residents_own_requests_are_never_stored_by_a_browser_or_proxy(client, demo):
    client.force_login(demo.resident)
    response = client.get(reverse("requests:mine"))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == PERSONAL


def test_a_staff_queue_is_never_stored(client, demo):
    client.force_login(demo.community)
    response = client.get(reverse("requests:queue"))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == PERSONAL


def test_an_api_answer_to_a_token_is_never_stored(client, demo):
    token = api_token_issue(user=demo.resident)
    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {token}")
    assert response.json()["username"] == demo.resident.username
    assert response.headers["Cache-Control"] == PERSONAL


def test_the_answer_that_hands_out_a_token_is_never_stored(client, demo):
    response = client.post(reverse("api:auth-token"), {"username": "demo_resident", "password": "wrong"})
    assert response.status_code == 400
    assert response.headers["Cache-Control"] == PERSONAL


def test_public_pages_and_static_files_stay_cacheable(client, demo):
    feed = client.get(reverse("public_requests:feed", kwargs={"code": "xinhong"}))
    assert feed.status_code == 200
    assert "no-store" not in feed.headers.get("Cache-Control", "")
    home = client.get("/")
    assert "no-store" not in home.headers.get("Cache-Control", "")


def test_a_static_file_stays_cacheable_for_a_signed_in_person(client, demo):
    client.force_login(demo.resident)
    answer = client.get("/static/css/portal.css")
    assert b".chart" in b"".join(answer.streaming_content)
    assert "no-store" not in answer.headers.get("Cache-Control", "")
