"""A resident attaches the phone's location and reports at a courtyard near them, or in their community's public space."""

from decimal import Decimal

import pytest

from governance.requests.models import Request

pytestmark = pytest.mark.django_db

NEAR_HUALIN_A = {"lat": "30.668500", "long": "104.132300"}  # a few metres from 华林A区's gate, another community


def submit(client, **fields):
    data = {"category": "facilities", "place": "unit", "title": "路灯不亮", "text": "门口路灯坏了", "public": "on", **fields}
    return client.post("/requests/new/", data)


def test_the_form_offers_the_public_space_of_the_residents_community_and_a_location_button(demo, client):
    client.force_login(demo.resident)  # lives in 新鸿南路院落, 新鸿社区
    page = client.get("/requests/new/").text
    assert "新华苑院落" in page and "双林小区院落" in page  # the community's other courtyards
    assert "华林A区" not in page
    assert 'data-locate="/requests/new/places/"' in page and 'name="lat"' in page


def test_a_resident_reports_in_another_courtyard_of_their_community(demo, client):
    client.force_login(demo.resident)
    response = submit(client, place="xinhuayuan")
    assert response.status_code == 302
    filed = Request.objects.filter(resident=demo.resident).latest("pk")
    assert (filed.courtyard.code, filed.unit, filed.community) == ("xinhuayuan", None, demo.xinhong)


def test_a_courtyard_outside_the_community_is_refused_without_a_location_near_it(demo, client):
    client.force_login(demo.resident)
    before = Request.objects.count()
    assert submit(client, place="hualin-a").status_code == 200  # the form again, with an error
    assert Request.objects.count() == before


def test_the_nearest_courtyards_are_offered_as_json_nearest_first(demo, client):
    client.force_login(demo.resident)
    answer = client.get("/requests/new/places/", NEAR_HUALIN_A).json()
    assert answer["places"][0]["code"] == "hualin-a" and "华林A区" in answer["places"][0]["label"]
    assert "xinhong-nanlu" not in {p["code"] for p in answer["places"]}  # 3 km away
    assert client.get("/requests/new/places/", {"lat": "north", "long": "1"}).status_code == 400


def test_with_the_phones_location_a_nearby_courtyard_is_accepted_and_the_location_stored(demo, client):
    client.force_login(demo.resident)
    assert submit(client, place="hualin-a", **NEAR_HUALIN_A).status_code == 302
    filed = Request.objects.filter(resident=demo.resident).latest("pk")
    assert (filed.courtyard.code, filed.community, filed.street) == ("hualin-a", demo.hualin, demo.shengdeng)
    assert (filed.latitude, filed.longitude) == (Decimal("30.668500"), Decimal("104.132300"))


def test_the_location_is_stored_with_a_home_report_too(demo, client):
    client.force_login(demo.resident)
    submit(client, lat="30.655200", long="104.104900")
    filed = Request.objects.filter(resident=demo.resident).latest("pk")
    assert filed.unit == demo.resident.home_unit and filed.latitude == Decimal("30.655200")


def test_half_a_location_is_refused(demo, client):
    client.force_login(demo.resident)
    before = Request.objects.count()
    response = submit(client, lat="30.655200")
    assert response.status_code == 200  # the form again, with its error
    assert Request.objects.count() == before
