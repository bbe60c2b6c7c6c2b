"""Pickers that name places fully: staff choose 新鸿南路院落 2栋 1单元, not one of eighteen "1单元"."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courtyards.forms import GridAdminForm
from courtyards.models import Covenant, Grid
from courtyards.pickers import LONG_LIST
from tests.base import make_staff
from tests.factories import building_make, courtyard_make, units_make

pytestmark = pytest.mark.django_db

MANAGE = "/manage/covenants/xinhong-mahjong/"


def options_of(html: str, select_id: str) -> list[str]:
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_the_endorsement_picker_names_each_unit_by_courtyard_building_and_unit(client, demo):
    client.force_login(demo.community)
    options = options_of(client.get(MANAGE).text, "id_unit")
    assert "新鸿南路院落 2栋 1单元" in options
    assert not any(re.fullmatch(r"\d+单元", label) for label in options)
    assert len(options) == len(set(options))  # no two units read alike


def test_the_endorsement_picker_costs_the_same_queries_with_5_or_50_more_units(client, demo):
    client.force_login(demo.community)
    courtyard = courtyard_make(community=demo.xinhong, name="测试院落")
    units_make(building=building_make(courtyard=courtyard), count=5)
    few = _queries(client, MANAGE)
    units_make(building=building_make(courtyard=courtyard), count=45)
    many = client.get(MANAGE).text
    assert _queries(client, MANAGE) == few
    assert options_of(many, "id_unit").count("测试院落 2栋 1单元") <= 1


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_long_list_of_units_is_searched_and_the_search_keeps_to_the_covenants_place(client, demo):
    covenant = Covenant.objects.get(code="xinhong-mahjong")
    elsewhere = courtyard_make(community=demo.hualin, name="外社区院落")
    units_make(building=building_make(courtyard=elsewhere, name="2栋"), count=2)
    mine = courtyard_make(community=demo.xinhong, name="测试院落")
    units_make(building=building_make(courtyard=mine, name="9栋"), count=LONG_LIST + 1)
    client.force_login(demo.community)
    page = client.get(MANAGE).text
    assert 'role="search"' in page and "查找单元" in page
    answer = client.get(f"/manage/covenants/{covenant.code}/units/", {"q": "院落 2栋 1单元"}, headers={"HX-Request": "true"}).text
    assert "新鸿南路院落 2栋 1单元" in answer and "外社区院落" not in answer and "测试院落 9栋" not in answer


def test_without_javascript_the_search_narrows_the_plain_select(client, demo):
    client.force_login(demo.community)
    options = options_of(client.get(MANAGE, {"q": "南路 2栋"}).text, "id_unit")
    assert options[1:] and all(label.startswith("新鸿南路院落 2栋") for label in options[1:])


def test_the_unit_search_of_a_covenant_out_of_scope_is_not_found(client, demo):
    client.force_login(make_staff(node=demo.shengdeng))
    assert client.get("/manage/covenants/xinhong-mahjong/units/", {"q": "2栋"}).status_code == 404


def test_the_grid_form_names_single_buildings_by_their_courtyard(demo):
    grid = Grid.objects.filter(community=demo.xinhong).first()
    form = GridAdminForm(instance=grid)
    labels = [label for _value, label in form.fields["cover_buildings"].choices]
    assert "新鸿南路院落 2栋" in labels


def test_the_household_list_filters_by_a_building_named_with_its_courtyard(client, demo):
    client.force_login(demo.community)
    options = options_of(client.get("/manage/communities/xinhong/households/").text, "id_building")
    assert "新鸿南路院落 2栋" in options and "2栋" not in options


def test_the_household_list_costs_the_same_queries_with_5_or_50_more_buildings(client, demo):
    courtyard = courtyard_make(community=demo.xinhong, name="测试院落")
    for _ in range(5):
        building_make(courtyard=courtyard)
    client.force_login(demo.community)
    few = _queries(client, "/manage/communities/xinhong/households/")
    for _ in range(45):
        building_make(courtyard=courtyard)
    assert _queries(client, "/manage/communities/xinhong/households/") == few


def test_street_staff_choose_a_covenants_courtyard_named_with_its_community(client, demo):
    client.force_login(demo.street)
    options = options_of(client.get("/manage/covenants/new/").text, "id_courtyard")
    assert "新鸿社区 新鸿南路院落" in options and "新鸿南路院落" not in options


def test_the_grid_worker_picks_the_visited_unit_by_its_whole_name(client, demo):
    from governance.accounts.models import User

    client.force_login(User.objects.get(username="demo_grid"))
    page = client.get("/work/grid/visits/log/").text
    options = options_of(page, "id_unit")
    assert options[1:] and all(re.fullmatch(r"\S+ \S+栋 \S+单元", label) for label in options[1:])


def test_the_admins_building_search_answers_buildings_named_with_their_courtyard(client, demo):
    client.force_login(demo.admin)
    query = {"app_label": "courtyards", "model_name": "unit", "field_name": "building", "term": "南路 2栋"}
    answer = client.get("/admin/autocomplete/", query).json()["results"]
    assert "新鸿南路院落 2栋" in [row["text"] for row in answer]
    assert all(row["text"].endswith("2栋") and "南路" in row["text"] for row in answer)


def test_a_units_admin_page_shows_its_building_by_its_whole_name(client, demo):
    from courtyards.models import Unit

    client.force_login(demo.admin)
    unit = Unit.objects.get(code="xinhong-nanlu-b2-u1")
    assert "新鸿南路院落 2栋" in client.get(f"/admin/courtyards/unit/{unit.pk}/change/").text
