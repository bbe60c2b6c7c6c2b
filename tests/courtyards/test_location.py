"""Courtyards and buildings carry coordinates: imported with the tree, and the nearest ones found from a point."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courtyards import selectors
from courtyards.importer import TreeImportError, tree_import, tree_rows_read
from courtyards.models import Building, Courtyard
from tests.factories import courtyard_make

pytestmark = pytest.mark.django_db

HEADER = "district_code,street_code,community_code,courtyard_code,courtyard_name,courtyard_latitude,courtyard_longitude,building_code,building_name,楼栋纬度,楼栋经度"


def rows(*lines: str):
    return tree_rows_read(data=("\n".join([HEADER, *lines]) + "\n").encode(), filename="tree.csv")


def test_the_seed_locates_its_courtyards_in_chenghua(demo):
    courtyard = Courtyard.objects.get(code="xinhong-nanlu")
    assert (courtyard.latitude, courtyard.longitude) == (Decimal("30.655120"), Decimal("104.104830"))
    assert not Courtyard.objects.filter(latitude__isnull=True).exists()


def test_new_courtyards_and_buildings_are_imported_with_coordinates(demo):
    tree_import(rows=rows("chenghua,shuangqiaozi,xinhong,t-loc,定位院,30.650001,104.100002,t-loc-b1,1栋,30.650101,104.100102"))
    assert (Courtyard.objects.get(code="t-loc").latitude, Courtyard.objects.get(code="t-loc").longitude) == (
        Decimal("30.650001"),
        Decimal("104.100002"),
    )
    assert Building.objects.get(code="t-loc-b1").longitude == Decimal("104.100102")


def test_an_existing_courtyard_is_located_anew_by_its_code(demo):
    summary = tree_import(rows=rows("chenghua,shuangqiaozi,xinhong,xinhuayuan,,30.600000,104.200000,,,,"))
    assert summary.located == 1
    assert Courtyard.objects.get(code="xinhuayuan").latitude == Decimal("30.600000")


def test_a_half_or_impossible_coordinate_is_refused_and_nothing_changes(demo):
    with pytest.raises(TreeImportError) as raised:
        tree_import(rows=rows("chenghua,shuangqiaozi,xinhong,xinhuayuan,,30.6,,,,,", "chenghua,shuangqiaozi,xinhong,t-far,远院,91,104,,,,"))
    assert [(e.row, e.column) for e in raised.value.errors] == [(2, "courtyard_latitude"), (3, "courtyard_latitude")]
    assert Courtyard.objects.get(code="xinhuayuan").latitude == Decimal("30.656840")
    assert not Courtyard.objects.filter(code="t-far").exists()


def test_only_someone_who_manages_a_courtyard_may_locate_it(demo):
    with pytest.raises(TreeImportError):
        tree_import(rows=rows("chenghua,shengdeng,hualin,hualin-a,,30.600000,104.200000,,,,"), user=demo.street)
    tree_import(rows=rows("chenghua,shuangqiaozi,xinhong,xinhuayuan,,30.600000,104.200000,,,,"), user=demo.street)
    assert Courtyard.objects.get(code="hualin-a").latitude == Decimal("30.668420")
    assert Courtyard.objects.get(code="xinhuayuan").latitude == Decimal("30.600000")


def test_nearest_courtyards_within_a_distance_nearest_first(demo):
    # 150 m east of 新鸿南路院落's gate: it, then 新华苑 (~ 400 m); 双林 (~ 400 m) too; nothing in 华林 (3 km)
    found = selectors.courtyards_nearest(latitude="30.655120", longitude="104.106400", within_metres=500, limit=5)
    assert [c.code for c in found][0] == "xinhong-nanlu"
    assert 140 < found[0].distance_metres < 160
    assert "hualin-a" not in {c.code for c in found}
    assert all(a.distance_metres <= b.distance_metres for a, b in zip(found, found[1:], strict=False))


def test_a_point_far_from_every_courtyard_finds_none(demo):
    assert selectors.courtyards_nearest(latitude=39.9, longitude=116.4, within_metres=500, limit=5) == []


def test_the_box_corner_is_not_within_the_circle(demo):
    """The database box is a prefilter only: a courtyard in its corner but farther than the distance is left out."""
    corner = courtyard_make(community=demo.xinhong)
    Courtyard.objects.filter(pk=corner.pk).update(latitude=Decimal("10.004000"), longitude=Decimal("20.004000"))
    assert selectors.courtyards_nearest(latitude=10, longitude=20, within_metres=500, limit=5) == []
    assert [c.pk for c in selectors.courtyards_nearest(latitude=10, longitude=20, within_metres=700, limit=5)] == [corner.pk]


def test_the_search_is_one_query_and_the_limit_holds(demo):
    with CaptureQueriesContext(connection) as queries:
        found = selectors.courtyards_nearest(latitude=30.66, longitude=104.11, within_metres=20_000, limit=3)
        [c.community.name for c in found]
    assert len(found) == 3
    assert len(queries.captured_queries) == 1
