"""Covenants keep every adopted version; households endorse them once."""

import pytest

from courtyards.models import Covenant, CovenantEndorsement
from tests.base import make_user, queries_of

pytestmark = pytest.mark.django_db


def test_a_second_version_becomes_current_and_the_old_one_stays_readable(client, demo):
    covenant = Covenant.objects.get(code="xinhong-mahjong")
    client.force_login(demo.community)
    data = {
        "text": "第三版：门卫室全天禁止打麻将。",
        "adopted_on": "2026-01-10",
        "method": "assembly",
        "votes_for": 90,
        "votes_against": 1,
        "votes_abstaining": 0,
    }
    assert client.post("/manage/covenants/xinhong-mahjong/versions/", data).status_code == 302
    assert covenant.versions.count() == 3
    client.logout()
    page = client.get("/covenants/xinhong-mahjong/").text
    current, older = page.split("历史版本")
    assert "第三版：门卫室全天禁止打麻将。" in current
    assert "值班时间不得在门卫室内打麻将" in older and "第 2 版" in older and "第 1 版" in older


def test_a_version_adopted_before_the_current_one_is_refused(client, demo):
    client.force_login(demo.community)
    data = {"text": "旧文本", "adopted_on": "2010-01-01", "method": "assembly", "votes_for": 1, "votes_against": 0, "votes_abstaining": 0}
    response = client.post("/manage/covenants/xinhong-mahjong/versions/", data)
    assert response.status_code == 200 and "新版本的通过日期不能早于当前版本" in response.text
    assert Covenant.objects.get(code="xinhong-mahjong").versions.count() == 2


def test_a_household_endorses_once_online_or_through_staff(client, demo):
    before = CovenantEndorsement.objects.filter(covenant__code="xinhong-mahjong").count()
    neighbour = make_user(home_unit=demo.resident.home_unit)
    client.force_login(neighbour)
    client.post("/covenants/xinhong-mahjong/endorse/")
    refused = client.post("/covenants/xinhong-mahjong/endorse/", follow=True)
    assert "您家已经签署过这份公约" in refused.text
    client.force_login(demo.community)
    client.post("/manage/covenants/xinhong-mahjong/endorsements/", {"unit": "xinhong-nanlu-b2-u1", "room": "808"})
    assert CovenantEndorsement.objects.filter(covenant__code="xinhong-mahjong").count() == before + 2
    assert f"已签署 {before + 2} 户" in client.get("/covenants/xinhong-mahjong/").text


def test_staff_of_another_street_cannot_change_the_covenant(client, demo):
    from tests.base import make_staff

    client.force_login(make_staff(node=demo.shengdeng))
    data = {"text": "x", "adopted_on": "2026-01-10", "method": "assembly", "votes_for": 1, "votes_against": 0, "votes_abstaining": 0}
    assert client.post("/manage/covenants/xinhong-mahjong/versions/", data).status_code == 404


def test_community_staff_write_a_courtyard_charter_with_its_first_version(client, demo):
    client.force_login(demo.community)
    data = {
        "community": "xinhong",
        "courtyard": "xinhuayuan",
        "kind": "charter",
        "title": "新华苑院落自治章程",
        "text": "第一条 本院落居民自治小组由全体住户选举产生。",
        "adopted_on": "2025-05-01",
        "method": "assembly",
        "votes_for": 40,
        "votes_against": 0,
        "votes_abstaining": 2,
    }
    response = client.post("/manage/covenants/new/", data)
    covenant = Covenant.objects.get(title="新华苑院落自治章程")
    assert response.status_code == 302 and covenant.courtyard.code == "xinhuayuan" and covenant.versions.get().number == 1
    assert "新华苑院落自治章程" in client.get("/communities/xinhong/").text


def test_community_page_costs_the_same_queries_with_more_covenants(client, demo):
    from datetime import date

    from courtyards import services

    few = queries_of(client, "/communities/xinhong/")
    for n in range(3):
        services.covenant_create(
            place=demo.xinhong,
            code=f"extra-{n}",
            kind="covenant",
            title=f"公约{n}",
            text="内容",
            adopted_on=date(2025, 1, 1),
            method="assembly",
        )
    many = queries_of(client, "/communities/xinhong/")
    assert many == few
