"""A committee's pickers name units and people fully: 新鸿南路院落 1栋 2单元; 赵志强 · 成员 · 139****0007."""

import pytest

from committees import services
from committees.models import Meeting
from courtyards import services as tree_services
from courtyards.models import Building
from tests.base import make_staff, queries_of
from tests.courtyards.test_pickers import options_of
from tests.factories import building_make, courtyard_make, units_make

pytestmark = pytest.mark.django_db


def _building_group(building):
    group = services.committee_create(place=building, name=f"{building.name}自治小组", kind="building_group")
    services.membership_appoint(committee=group, user=make_staff(node=building.community))
    return group


def test_a_member_of_a_building_group_stands_for_a_unit_named_with_its_courtyard_and_building(client, demo):
    group = _building_group(Building.objects.get(code="xinhong-nanlu-b1"))
    member = group.memberships.get()
    client.force_login(demo.community)
    options = options_of(client.get(f"/manage/committees/{group.code}/").text, f"unit-{member.pk}")
    assert "新鸿南路院落 1栋 2单元" in options and "2单元" not in options


def test_the_unit_picker_costs_the_same_queries_with_5_or_50_units(client, demo):
    building = building_make(courtyard=courtyard_make(community=demo.xinhong, name="测试院落"))
    group = _building_group(building)
    units_make(building=building, count=5)
    client.force_login(demo.community)
    few = queries_of(client, f"/manage/committees/{group.code}/")
    for n in range(6, 51):
        tree_services.node_create(level="unit", name=f"{n}单元", code=f"t-pick-u{n}", parent=building)
    page = client.get(f"/manage/committees/{group.code}/").text
    assert f"测试院落 {building.name} 50单元" in options_of(page, f"unit-{group.memberships.get().pk}")
    assert queries_of(client, f"/manage/committees/{group.code}/") == few


def _meeting():
    return Meeting.objects.get(committee__code="hualin-public-environment")


def test_the_chair_picks_an_actions_owner_by_name_and_role_with_others_phones_masked(client, demo):
    client.force_login(demo.resident2)
    options = options_of(client.get(f"/manage/meetings/{_meeting().code}/").text, "id_owner")
    assert "赵志强 · 成员 · 139****0007" in options
    assert "13900000007" not in " ".join(options)


def test_staff_covering_the_members_homes_read_their_phones_in_full(client, demo):
    client.force_login(make_staff(node=demo.hualin))
    options = options_of(client.get(f"/manage/meetings/{_meeting().code}/").text, "id_owner")
    assert "赵志强 · 成员 · 13900000007" in options


def test_the_owner_picker_costs_the_same_queries_with_more_members(client, demo):
    meeting = _meeting()
    client.force_login(demo.resident2)
    few = queries_of(client, f"/manage/meetings/{meeting.code}/")
    for _ in range(5):
        services.membership_appoint(committee=meeting.committee, user=make_staff(node=demo.hualin))
    page = client.get(f"/manage/meetings/{meeting.code}/").text
    assert len(options_of(page, "id_owner")) == 1 + 3 + 5
    assert queries_of(client, f"/manage/meetings/{meeting.code}/") == few
