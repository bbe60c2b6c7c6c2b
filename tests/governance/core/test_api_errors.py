"""Every API error reads the same: {"detail": what went wrong in the caller's language, "code": a word to
branch on, "fields": each invalid field's messages}. Open311 clients get the spec's list of
{code, description} instead, whatever went wrong."""

import xml.etree.ElementTree as ET

import pytest
from django.test import RequestFactory
from rest_framework.test import APIClient

from committees import services as committee_services
from governance import urls as root_urls
from tests.base import DEMO_PASSWORD, make_user

NOT_FOUND = {"detail": "未找到。", "code": "not_found", "fields": {}}


@pytest.fixture
def api():
    return APIClient()


def test_a_route_that_does_not_exist_is_a_404_in_the_error_body(demo, api):
    api.force_authenticate(demo.resident)
    response = api.get("/api/v1/no-such-thing/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json() == NOT_FOUND


def test_a_place_out_of_scope_is_the_same_404_as_one_that_does_not_exist(demo, api):
    api.force_authenticate(demo.community)  # 新鸿社区 staff; 华林社区 is not theirs
    hidden = api.get("/api/v1/reports/dashboards/community/hualin/")
    missing = api.get("/api/v1/reports/dashboards/community/nowhere/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == NOT_FOUND


def test_a_lookup_that_does_not_match_the_route_is_a_404_in_the_error_body(demo, api):
    api.force_authenticate(demo.resident)
    assert api.get("/api/v1/requests/not a number!/").json() == NOT_FOUND


def test_a_method_the_route_does_not_take_is_a_405_naming_the_methods_it_does(demo, api):
    api.force_authenticate(demo.resident)
    response = api.delete("/api/v1/me/")
    assert response.status_code == 405 and "GET" in response["Allow"]
    assert response.json() == {"detail": "方法 “DELETE” 不被允许。", "code": "method_not_allowed", "fields": {}}


def test_without_credentials_the_answer_says_so(demo, api):
    response = api.get("/api/v1/me/")
    assert response.status_code == 403
    assert response.json() == {"detail": "身份认证信息未提供。", "code": "not_authenticated", "fields": {}}


def test_a_token_that_is_not_valid_is_refused_in_the_error_body(demo, api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    body = api.get("/api/v1/me/").json()
    assert body["code"] == "authentication_failed" and body["detail"] == "令牌无效或已过期。" and body["fields"] == {}


def test_a_session_post_without_the_csrf_token_is_refused_in_the_error_body(demo):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(demo.resident)
    response = api.post("/api/v1/requests/", {"category": "roads", "title": "t", "text": "x"}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied" and "CSRF" in response.json()["detail"]


def test_invalid_fields_are_a_400_naming_each_field(demo, api):
    api.force_authenticate(demo.resident)
    response = api.post("/api/v1/requests/", {"category": "roads", "text": "x", "public": "maybe"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and set(body["fields"]) == {"title", "public"}
    assert body["fields"]["title"] == ["该字段是必填项。"] and "title" in body["detail"]


def test_a_refusal_by_a_service_is_a_400_with_its_reason_and_no_fields(demo, api):
    need = committee_services.need_raise(user=demo.resident, title="楼道扶手维修", description="2栋楼道扶手松动。")
    api.force_authenticate(make_user(home_unit=demo.resident.home_unit))
    assert api.post(f"/api/v1/needs/{need.code}/support/").status_code == 201
    body = api.post(f"/api/v1/needs/{need.code}/support/").json()
    assert body["code"] == "invalid" and "只计一次" in body["detail"] and body["fields"] == {}


def test_a_body_that_is_not_json_is_a_parse_error(demo, api):
    api.force_authenticate(demo.resident)
    response = api.post("/api/v1/requests/", data='{"title": ', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error" and response.json()["fields"] == {}


def test_a_body_of_a_type_the_api_does_not_read_is_a_415(demo, api):
    api.force_authenticate(demo.resident)
    response = api.post("/api/v1/requests/", data="title=t", content_type="text/plain")
    assert response.status_code == 415 and response.json()["code"] == "unsupported_media_type"


def test_a_bad_page_size_is_a_400_not_the_first_page(demo, api):
    api.force_authenticate(demo.admin)
    response = api.get("/api/v1/communities/", {"limit": "many"})
    assert response.status_code == 400 and list(response.json()["fields"]) == ["limit"]
    assert api.get("/api/v1/communities/", {"offset": "-1"}).json()["fields"]["offset"] == ["请输入不小于 0 的整数。"]


def test_a_filter_value_that_is_not_a_yes_or_no_is_a_400(demo, api):
    api.force_authenticate(demo.admin)
    response = api.get("/api/v1/requests/", {"supervised": "null"})
    assert response.status_code == 400 and list(response.json()["fields"]) == ["supervised"]
    assert api.get("/api/v1/requests/", {"supervised": "false"}).status_code == 200


def test_too_many_token_requests_are_throttled_in_the_error_body(demo, api):
    answers = [api.post("/api/v1/auth/token/", {"username": "demo_resident", "password": DEMO_PASSWORD}) for _ in range(12)]
    assert [a.status_code for a in answers[:10]] == [200] * 10 and answers[-1].status_code == 429
    assert answers[-1].json()["code"] == "throttled" and answers[-1]["Retry-After"]


def test_a_body_too_large_to_read_is_a_400_in_the_error_body(demo, api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    api.force_authenticate(demo.resident)
    response = api.post("/api/v1/requests/", {"category": "roads", "title": "t", "text": "长" * 2000}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "无法读取这个请求。", "code": "bad_request", "fields": {}}


def test_a_server_error_under_the_api_is_json_and_a_page_elsewhere_is_html(demo):
    api_answer = root_urls.handler500(RequestFactory().get("/api/v1/me/"))
    assert api_answer.status_code == 500 and api_answer["Content-Type"] == "application/json"
    assert b'"code": "server_error"' in api_answer.content
    assert "text/html" in root_urls.handler500(RequestFactory().get("/requests/"))["Content-Type"]


def test_a_page_that_does_not_exist_is_still_an_html_page(demo, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "text/html" in response["Content-Type"]


# --- Open311 ------------------------------------------------------------------------------


def test_open311_answers_a_method_it_does_not_take_in_the_spec_error_list(demo, client):
    response = client.delete("/open311/v2/services.json")
    assert response.status_code == 405 and response["Allow"] == "GET"
    assert response.json() == [{"code": 405, "description": "此处不接受 DELETE 方法。"}]
    xml = client.put("/open311/v2/requests.xml")
    assert xml.status_code == 405 and xml["Allow"] == "GET, POST"
    assert ET.fromstring(xml.content).find("error/code").text == "405"


def test_open311_answers_a_path_that_is_no_endpoint_in_the_spec_error_list(demo, client):
    response = client.get("/open311/v2/nothing.json")
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404 and "services.json" in response.json()[0]["description"]
    xml = client.get("/open311/v2/services.csv.xml")
    assert ET.fromstring(xml.content).tag == "errors"


def test_a_nul_character_in_a_query_is_a_400_not_a_server_error(demo, api):
    """Found by schemathesis: PostgreSQL cannot compare a string holding NUL."""
    api.force_authenticate(demo.admin)
    response = api.get("/api/v1/activity-totals/", {"node": "chenghua\x00"})
    assert response.status_code == 400 and list(response.json()["fields"]) == ["node"]
    assert api.get("/api/v1/activity-totals/", {"node": "chenghua"}).json()["node"] == "chenghua"
