"""Households with their history: who sees the tags, and 秀林苑's households stated by origin from the records."""

import re

import pytest

from courtyards.households.demo import ORIGINS, RESETTLED
from courtyards.households.models import HouseholdTagRow
from courtyards.households.selectors import resettled_households_by_origin
from courtyards.households.services import household_record
from courtyards.models import Community, Courtyard, Household, Unit
from governance.accounts.choices import Role, SecurityEventKind
from governance.accounts.models import SecurityEvent
from tests.base import make_staff, make_user, queries_of

pytestmark = pytest.mark.django_db

XINHONG_HOUSEHOLDS = "/manage/communities/xinhong/households/"


def tagged_room(room: str = "909", tags=("disabled",), unit_code: str = "xinhong-nanlu-b2-u2") -> Household:
    return household_record(unit=Unit.objects.get(code=unit_code), room=room, size=2, tags=list(tags), origin=None)


def test_community_staff_see_the_tags_of_their_households_and_the_view_is_recorded(demo, client):
    tagged_room()
    client.force_login(demo.community)
    page = client.get(XINHONG_HOUSEHOLDS).content.decode()
    assert "909" in page and "残疾" in page
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.HOUSEHOLD_TAGS_VIEWED, actor=demo.community).exists()


def test_a_social_worker_in_scope_sees_the_tags(demo, client):
    tagged_room()
    client.force_login(demo.worker)
    assert "残疾" in client.get(XINHONG_HOUSEHOLDS).content.decode()


def test_street_staff_see_the_households_but_not_their_tags(demo, client):
    tagged_room()
    client.force_login(demo.street)
    page = client.get(XINHONG_HOUSEHOLDS).content.decode()
    assert "909" in page
    assert "残疾" not in page and "household-tags" not in page
    assert 'name="tag"' not in page  # nobody filters by what they may not see
    assert client.get(XINHONG_HOUSEHOLDS + "?tag=disabled").status_code == 200
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.HOUSEHOLD_TAGS_VIEWED, actor=demo.street).exists()


def test_a_resident_and_a_committee_member_get_404_and_no_tags(demo, client):
    tagged_room()
    member = make_user(home_unit=Unit.objects.get(code="xinhong-nanlu-b1-u1"))
    from governance.accounts import services as account_services

    account_services.role_grant(user=member, role=Role.COMMITTEE_MEMBER, node=demo.xinhong)
    for person in (demo.resident, member):
        client.force_login(person)
        response = client.get(XINHONG_HOUSEHOLDS)
        assert response.status_code == 404
        assert "残疾" not in response.content.decode()


def test_community_staff_of_another_community_get_404(demo, client):
    client.force_login(make_staff(role=Role.COMMUNITY_STAFF, node=demo.hualin))
    assert client.get(XINHONG_HOUSEHOLDS).status_code == 404


def test_the_tag_filter_keeps_tagged_households_and_leaves_others_out(demo, client):
    tagged_room("909", ("disabled",))
    tagged_room("910", ("low_income",))
    client.force_login(demo.community)
    page = client.get(XINHONG_HOUSEHOLDS + "?tag=disabled&building=xinhong-nanlu-b2").content.decode()
    assert ">909<" in page and ">910<" not in page


def test_the_list_costs_the_same_queries_with_5_rows_or_50(demo, client):
    community = Community.objects.get(code="tongren")
    staff = make_staff(role=Role.COMMUNITY_STAFF, node=community)
    unit = Unit.objects.filter(community=community).first()
    for n in range(5):
        household_record(unit=unit, room=f"1{n:02d}", size=2, tags=["disabled", "low_income"], origin=("同仁村", "一组"))
    client.force_login(staff)
    url = "/manage/communities/tongren/households/"
    few = queries_of(client, url)
    for n in range(5, 50):
        household_record(unit=unit, room=f"1{n:02d}", size=3, tags=["elderly_alone"], origin=("同仁村", f"{n % 3}组"))
    page = client.get(url).content.decode()
    assert page.count('class="household-tags"') == 50
    assert queries_of(client, url) == few <= 12  # the list budget of tests/test_query_budgets.py


def test_xiulinyuan_is_stated_by_origin_from_the_demo_records(demo, client):
    xiulin = Community.objects.get(code="xiulin")
    [row] = [row for row in resettled_households_by_origin(node=xiulin) if row["courtyard"] == "秀林苑"]
    groups = sum(len(g) for g in ORIGINS.values())
    assert (row["households"], row["communities"], row["groups"]) == (RESETTLED, len(ORIGINS), groups) == (1000, 5, 13)
    assert resettled_households_by_origin(node=Courtyard.objects.get(code="xiulinyuan")) == [row]
    assert [r["courtyard"] for r in resettled_households_by_origin(node=demo.district)] == ["秀林苑"]
    assert resettled_households_by_origin(node=demo.xinhong) == []
    client.force_login(demo.admin)
    page = client.get("/manage/communities/xiulin/").content.decode()
    assert re.search(r"秀林苑：1,?000户，来自5个社区、13个村民小组", page)


def test_the_statement_counts_known_totals_of_new_records(demo):
    community = Community.objects.get(code="tongren")
    unit = Unit.objects.filter(community=community).first()
    origins = [("甲村", "一组"), ("甲村", "二组"), ("乙村", "一组"), ("乙村", ""), ("甲村", "一组")]
    for n, origin in enumerate(origins):
        household_record(unit=unit, room=f"2{n:02d}", size=1, tags=[], origin=origin)
    household_record(unit=unit, room="299", size=1, tags=[], origin=None)  # not resettled: not counted
    [row] = resettled_households_by_origin(node=community)
    assert (row["households"], row["communities"], row["groups"]) == (5, 2, 3)


def test_the_demo_has_tagged_households_in_xinhong(demo):
    assert HouseholdTagRow.objects.filter(household__community=demo.xinhong).count() >= 5


def test_a_residents_data_download_holds_their_households_size_and_origin_but_not_its_tags(demo):
    from governance.accounts.models import User
    from governance.accounts.personal_data import personal_data_of

    resident = User.objects.get(username="resident_09")  # 秀林苑, a resettled household of the demo
    HouseholdTagRow.objects.get_or_create(household=resident.household, tag="disabled")
    data = personal_data_of(resident)["household"]
    assert data["size"] == resident.household.size and data["resettled_from"]["community"] in ORIGINS
    assert "disabled" not in str(data) and "tags" not in data
