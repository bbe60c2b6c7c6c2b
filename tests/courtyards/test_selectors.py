"""Listing the units under a street costs the same number of queries whatever the street's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courtyards import selectors
from courtyards.models import Unit
from tests.conftest import cache_clear_own_keys
from tests.factories import building_make, courtyard_make, units_make

pytestmark = pytest.mark.django_db


def count_queries(callable_) -> int:
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def grow_street(demo, units: int) -> None:
    building = building_make(courtyard=courtyard_make(community=demo.xinhong))
    units_make(building=building, count=units)


def test_every_unit_under_a_street_in_one_query(demo):
    street_units = selectors.unit_list(user=demo.street).filter(street=demo.shuangqiaozi)
    small = count_queries(lambda: [u.address for u in street_units])
    grow_street(demo, 120)
    large_units = selectors.unit_list(user=demo.street).filter(street=demo.shuangqiaozi)
    assert count_queries(lambda: [u.address for u in large_units]) == small
    assert len(large_units) == Unit.objects.filter(street=demo.shuangqiaozi).count()


def test_the_unit_page_and_api_cost_the_same_with_few_and_many_units(client, demo):
    client.force_login(demo.street)
    client.get("/manage/units/?street=shuangqiaozi")  # the caches the page fills (the unread badge) warm in both measurements
    page_few = count_queries(lambda: client.get("/manage/units/?street=shuangqiaozi"))
    api_few = count_queries(lambda: client.get("/api/v1/units/?street=shuangqiaozi&limit=500"))
    grow_street(demo, 150)
    assert count_queries(lambda: client.get("/manage/units/?street=shuangqiaozi")) == page_few
    assert count_queries(lambda: client.get("/api/v1/units/?street=shuangqiaozi&limit=500")) == api_few


def test_the_home_and_community_pages_cost_the_same_with_more_places(client, demo):
    def cold(path):  # the node figures are cached: count what computing them costs
        cache_clear_own_keys()
        return count_queries(lambda: client.get(path))

    home, community = cold("/"), cold("/communities/xinhong/")
    manage = (client.force_login(demo.street), cold("/manage/"))[1]
    for _ in range(3):
        courtyard_make(community=demo.xinhong)
    client.logout()
    assert cold("/") == home
    assert cold("/communities/xinhong/") == community
    client.force_login(demo.street)
    assert cold("/manage/") == manage


def test_moving_a_courtyard_moves_everything_under_it(demo):
    from courtyards import services

    courtyard = courtyard_make(community=demo.xinhong)
    units_make(building=building_make(courtyard=courtyard), count=3)
    services.node_move(node=courtyard, parent=demo.hualin)
    assert set(Unit.objects.filter(courtyard=courtyard).values_list("community__code", "street__code")) == {("hualin", "shengdeng")}


def test_the_community_totals_count_each_level_in_one_query(demo, django_assert_num_queries):
    from courtyards.models import Building, Courtyard, Household, Unit

    with django_assert_num_queries(1):
        totals = selectors.community_totals(community=demo.xinhong)
    expected = {
        "courtyards": Courtyard.objects.filter(community=demo.xinhong).count(),
        "buildings": Building.objects.filter(community=demo.xinhong).count(),
        "units": Unit.objects.filter(community=demo.xinhong).count(),
        "households": Household.objects.filter(community=demo.xinhong).count(),
    }
    assert totals == expected and expected["units"] > 0
