"""/api/v1/requests/: scoped lists, residents file, staff act, timelines; and junk never makes a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from governance.requests.choices import Status
from governance.requests.models import Request

from .helpers import file_request, junk_cases, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_a_resident_files_a_request_through_the_api_and_reads_its_timeline(demo, api):
    api.force_authenticate(demo.resident)
    response = api.post("/api/v1/requests/", {"category": "roads", "title": "路面坑洼", "text": "新鸿南路有坑"}, format="json")
    assert response.status_code == 201, response.json()
    number = response.json()["number"]
    assert response.json()["owner_label"] == "双桥子街道综合行政执法队"  # roads: the street's urban management department
    timeline = api.get(f"/api/v1/requests/{number}/timeline/").json()
    assert [event["to_status"] for event in timeline] == ["submitted"]


def test_a_resident_attaches_photos_through_the_api_and_gets_guarded_links(demo, api, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    api.force_authenticate(demo.resident)
    body = {"category": "facilities", "title": "健身器材坏了", "text": "单杠断了", "photos": [upload(), upload()]}
    response = api.post("/api/v1/requests/", body, format="multipart")
    assert response.status_code == 201, response.json()
    links = response.json()["photos"]
    assert len(links) == 2 and all(link.startswith("/requests/photos/") for link in links)
    bad = {**body, "title": "不是图片", "photos": [upload(b"hello", "x.png")]}
    assert api.post("/api/v1/requests/", bad, format="multipart").status_code == 400
    assert not Request.objects.filter(title="不是图片").exists()


def test_a_bad_category_or_place_is_a_400_with_a_message(demo, api):
    api.force_authenticate(demo.resident)
    answer = api.post("/api/v1/requests/", {"category": "nope", "title": "t", "text": "x"}, format="json").json()
    assert answer["fields"] == {"category": ["没有这个类别。"]}
    response = api.post("/api/v1/requests/", {"category": "roads", "title": "t", "text": "x", "place": "shengdeng"}, format="json")
    assert response.status_code == 400 and list(response.json()["fields"]) == ["place"]


def test_staff_act_through_the_api_and_a_forbidden_move_is_a_400(demo, api):
    request = file_request(demo)
    api.force_authenticate(demo.community)
    assert api.post(f"/api/v1/requests/{request.number}/resolve/", {"note": "x"}, format="json").status_code == 400
    assert api.post(f"/api/v1/requests/{request.number}/accept/", {}, format="json").json()["status"] == Status.ACCEPTED
    response = api.post(f"/api/v1/requests/{request.number}/assign/", {"assignee": "demo_worker"}, format="json")
    assert response.json()["assignee"] == "demo_worker"


def test_the_list_is_scoped_and_filterable(demo, api):
    mine = file_request(demo)
    api.force_authenticate(demo.resident2)
    numbers = [row["number"] for row in api.get("/api/v1/requests/").json()["results"]]
    assert mine.number not in numbers
    api.force_authenticate(demo.street)
    numbers = [row["number"] for row in api.get("/api/v1/requests/", {"status": "submitted", "community": "xinhong"}).json()["results"]]
    assert mine.number in numbers


def test_the_api_list_costs_the_same_queries_for_one_row_and_many(demo, api):
    api.force_authenticate(demo.street)

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert api.get("/api/v1/requests/").status_code == 200
        return len(context)

    file_request(demo)
    count()  # the caller's role assignments are read once per user object: warm them
    few = count()
    for n in range(10):
        file_request(demo, title=f"问题{n}")
    assert count() == few


def test_the_requests_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/schema/").text
    assert "/api/v1/requests/{number}/timeline/" in schema and "/api/v1/requests/{number}/merge/" in schema


def test_no_junk_posted_to_the_api_makes_a_500(demo):
    request = Request.objects.get(title="楼上深夜打麻将")
    for body, action in junk_cases(60):
        for user in (demo.resident, demo.community):
            api = APIClient()
            api.force_authenticate(user)
            url = f"/api/v1/requests/{request.number}/{action}/" if action else "/api/v1/requests/"
            response = api.post(url, body, format="json")
            assert response.status_code < 500, (url, body, response.content[:300])


def test_internal_notes_stay_with_staff(demo, api, client):
    from governance.requests import services

    request = file_request(demo)
    services.request_note(request=request, by=demo.community, note="内部：该户多次投诉", public=False)
    services.request_note(request=request, by=demo.community, note="已联系物业", public=True)
    api.force_authenticate(demo.resident)
    notes = [event["note"] for event in api.get(f"/api/v1/requests/{request.number}/timeline/").json()]
    assert "已联系物业" in notes and "内部：该户多次投诉" not in notes
    client.force_login(demo.resident)
    assert "内部：该户多次投诉" not in client.get(f"/requests/{request.number}/").text
    api.force_authenticate(demo.community)
    assert "内部：该户多次投诉" in [event["note"] for event in api.get(f"/api/v1/requests/{request.number}/timeline/").json()]


def test_a_resident_cannot_file_through_the_api_at_another_residents_unit_in_another_street(demo, api):
    api.force_authenticate(demo.resident)
    before = Request.objects.count()
    body = {"category": "roads", "title": "楼上漏水", "text": "冒充别人家", "place": demo.resident2.home_unit.code}
    response = api.post("/api/v1/requests/", body, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert response.json()["fields"]["place"] == ["只能在您住址所在的单元、所在院落或所在社区提交诉求。"]
    assert Request.objects.count() == before


def test_the_api_accepts_exactly_the_places_the_request_form_offers(demo, api):
    home = demo.resident.home_unit
    api.force_authenticate(demo.resident)
    neighbour_unit = home.building.units.exclude(pk=home.pk).first()
    before = Request.objects.count()
    for place in (neighbour_unit.code, home.building.code, "shuangqiaozi", demo.hualin.code):
        response = api.post("/api/v1/requests/", {"category": "roads", "title": "t", "text": "x", "place": place}, format="json")
        assert response.status_code == 400 and "place" in response.json()["fields"], place
    assert Request.objects.count() == before
    filed = {}
    for place in ("unit", home.code, home.courtyard.code, home.community.code, None):
        body = {"category": "roads", "title": "t", "text": "x", **({"place": place} if place else {})}
        response = api.post("/api/v1/requests/", body, format="json")
        assert response.status_code == 201, response.json()
        row = Request.objects.get(number=response.json()["number"])
        filed[place] = (row.unit_id, row.courtyard_id, row.community_id)
    assert filed["unit"] == filed[home.code] == filed[None] == (home.pk, home.courtyard_id, home.community_id)
    assert filed[home.courtyard.code] == (None, home.courtyard_id, home.community_id)
    assert filed[home.community.code] == (None, None, home.community_id)


def test_someone_without_a_verified_home_files_nothing_through_the_api(demo, api):
    from tests.base import make_user

    api.force_authenticate(make_user())
    before = Request.objects.count()
    response = api.post("/api/v1/requests/", {"category": "roads", "title": "t", "text": "x", "place": "xinhong"}, format="json")
    assert response.status_code == 400 and "place" in response.json()["fields"]
    assert Request.objects.count() == before
