"""Anyone sees the public requests near where they stand; a resident, those of their community."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.requests.models import Category, Request
from tests.base import make_request

pytestmark = pytest.mark.django_db

URL = "/public/requests/near/"
NEAR_XINHONG_NANLU = {"lat": "30.655120", "long": "104.104830"}


def test_requests_at_courtyards_near_the_point_are_listed_and_others_not(demo, client):
    page = client.get(URL, NEAR_XINHONG_NANLU).text
    assert "楼上深夜打麻将" in page  # 新鸿南路院落
    assert "小区绿地被占用" not in page  # 华林社区, 3 km away
    assert "新鸿南路院落" in page


def test_a_private_request_nearby_is_not_listed(demo, client):
    Request.objects.filter(title="楼上深夜打麻将").update(public=False)
    assert "楼上深夜打麻将" not in client.get(URL, NEAR_XINHONG_NANLU).text


def test_a_wider_distance_reaches_farther_courtyards(demo, client):
    near_hualin = {"lat": "30.660000", "long": "104.132170"}  # about 940 m south of 华林A区
    assert "小区绿地被占用" not in client.get(URL, {**near_hualin, "within": "500"}).text
    assert "小区绿地被占用" in client.get(URL, {**near_hualin, "within": "1000"}).text


def test_without_a_location_a_resident_sees_their_community(demo, client):
    client.force_login(demo.resident2)  # 华林社区
    page = client.get(URL).text
    assert "小区绿地被占用" in page and "楼上深夜打麻将" not in page


def test_without_a_location_or_a_home_nothing_is_listed(demo, client):
    page = client.get(URL).text
    assert "楼上深夜打麻将" not in page and "小区绿地被占用" not in page
    assert "data-near" in page


def test_the_public_feed_links_here(demo, client):
    assert URL in client.get("/communities/xinhong/requests/").text


def test_the_list_costs_the_same_queries_with_few_requests_or_many(demo, client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            client.get(URL, NEAR_XINHONG_NANLU)
        return len(context.captured_queries)

    few = queries()
    noise = Category.objects.get(code="noise")
    for _n in range(5):
        make_request(resident=demo.resident, category=noise, place=demo.resident.home_unit.courtyard)
    assert queries() == few
