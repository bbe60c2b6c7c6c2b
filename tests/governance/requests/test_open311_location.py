"""A civic app reports with only a phone's GPS fix: placed on the nearest courtyard, or refused when none is near."""

import pytest

from governance.requests.models import Request
from tests.base import OPEN311_TEST_KEY
from tests.governance.requests.test_open311 import client_app, post, schema_validate, url  # noqa: F401 - fixtures

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_demo_requests")]


def test_a_lat_long_only_post_is_placed_on_the_nearest_courtyard_and_read_back(client, client_app, schema_validate, demo):  # noqa: F811
    # about 120 m north-east of 新鸿南路院落's gate (30.655120, 104.104830), 270 m from 新华苑
    answer = post(client, api_key=OPEN311_TEST_KEY, service_code="noise", description="路灯不亮", lat="30.655900", long="104.105700")
    assert answer.status_code == 200, answer.content
    number = answer.json()[0]["service_request_id"]
    filed = Request.objects.get(number=number)
    assert (filed.courtyard.code, filed.community, filed.street) == ("xinhong-nanlu", demo.xinhong, demo.shuangqiaozi)
    assert (str(filed.latitude), str(filed.longitude)) == ("30.655900", "104.105700")

    one = client.get(url("request", number=number)).json()
    schema_validate(one, "requests.json")
    assert one[0]["address"] == "新鸿社区新鸿南路院落" and one[0]["address_id"] == "xinhong-nanlu"
    assert (one[0]["lat"], one[0]["long"]) == (30.656, 104.106)  # rounded to about 100 m


def test_a_lat_long_far_from_every_courtyard_is_refused_and_nothing_is_stored(client, client_app, settings):  # noqa: F811
    settings.REQUEST_LOCATE_MAX_METRES = 500
    # 天府广场, about 6 km from the nearest courtyard of the seed
    answer = post(client, api_key=OPEN311_TEST_KEY, service_code="noise", description="噪音", lat="30.657300", long="104.065800")
    assert answer.status_code == 400
    assert "500 m" in answer.json()[0]["description"]
    assert not Request.objects.exists()


def test_the_distance_is_a_setting(client, client_app, settings):  # noqa: F811
    settings.REQUEST_LOCATE_MAX_METRES = 50
    # 120 m from 新鸿南路院落: too far with 50 m
    answer = post(client, api_key=OPEN311_TEST_KEY, service_code="noise", description="噪音", lat="30.655900", long="104.105700")
    assert answer.status_code == 400 and not Request.objects.exists()


def test_an_address_wins_over_the_coordinates(client, client_app, demo):  # noqa: F811
    answer = post(
        client,
        api_key=OPEN311_TEST_KEY,
        service_code="noise",
        description="噪音",
        address_id="hualin-a",
        lat="30.655900",
        long="104.105700",
    )
    assert Request.objects.get(number=answer.json()[0]["service_request_id"]).courtyard.code == "hualin-a"


def test_half_a_coordinate_is_not_a_location(client, client_app):  # noqa: F811
    answer = post(client, api_key=OPEN311_TEST_KEY, service_code="noise", description="噪音", lat="30.655900")
    assert answer.status_code == 400 and "long" in answer.json()[0]["description"]
    assert not Request.objects.exists()
