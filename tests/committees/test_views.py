"""Street staff run a committee from creation to a recorded decision, and the public sees it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from committees.models import Committee, Decision, Meeting, Membership
from tests.base import make_user, queries_of

pytestmark = pytest.mark.django_db


def test_street_staff_create_a_committee_appoint_meet_decide_and_the_public_page_shows_it(client, demo):
    client.force_login(demo.street)
    response = client.post(
        "/manage/committees/new/", {"community": "xinhong", "kind": "specialised", "topic": "public_environment", "name": "公共环境委员会"}
    )
    committee = Committee.objects.get(community=demo.xinhong, topic="public_environment")
    assert response.status_code == 302 and committee.street_id == demo.shuangqiaozi.pk

    for resident in (demo.resident, make_user(display_name="刘小红", home_unit=demo.resident.home_unit)):
        data = {"phone": resident.phone, "role": "member", "started_on": "2025-01-01"}
        assert client.post(f"/manage/committees/{committee.code}/appoint/", data).status_code == 302
    assert Membership.objects.filter(committee=committee, ended_on__isnull=True).count() == 2

    starts = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/manage/committees/{committee.code}/meetings/new/", {"title": "院落绿化议事", "starts_at": starts, "place": "社区会议室"})
    meeting = Meeting.objects.get(committee=committee)
    client.post(f"/manage/meetings/{meeting.code}/minutes/", {"minutes": "讨论了院落绿化。"})
    present = [str(pk) for pk in Membership.objects.filter(committee=committee).values_list("pk", flat=True)]
    client.post(f"/manage/meetings/{meeting.code}/attendance/", {"present": present})
    vote = {"motion": "增设院落花坛", "votes_for": 2, "votes_against": 0, "votes_abstaining": 0, "outcome": "adopted"}
    client.post(f"/manage/meetings/{meeting.code}/decisions/", vote)
    assert Decision.objects.get(meeting=meeting).votes_for == 2

    client.logout()
    page = client.get("/communities/xinhong/").text
    assert "公共环境委员会" in page and "增设院落花坛" in page
    assert "张**" in page and "张同珍" not in page, "the public sees masked names"


def test_street_staff_cannot_create_a_committee_in_another_street(client, demo):
    client.force_login(demo.street)
    before = Committee.objects.count()
    response = client.post("/manage/committees/new/", {"community": "hualin", "kind": "specialised", "name": "公共环境委员会二"})
    assert response.status_code == 200 and "选择一个有效的选项" in response.text
    assert Committee.objects.count() == before
    assert client.get("/manage/committees/hualin-public-environment/").status_code == 404


def test_ending_a_term_keeps_the_member_in_the_history(client, demo):
    membership = Membership.objects.get(committee__code="hualin-public-environment", user__username="resident_08")
    client.force_login(demo.admin)
    client.post(f"/manage/memberships/{membership.pk}/end/")
    membership.refresh_from_db()
    assert membership.ended_on == timezone.localdate()
    page = client.get("/committees/hualin-public-environment/").text
    history = page.split("往届成员")[1]
    assert "周玉兰" in history


def test_a_chair_runs_their_committee_and_loses_it_when_the_term_ends(client, demo):
    chair = Membership.objects.get(committee__code="hualin-public-environment", role="chair")
    client.force_login(demo.resident2)
    assert client.get("/manage/committees/hualin-public-environment/").status_code == 200
    client.post(f"/manage/memberships/{chair.pk}/end/")
    assert client.get("/manage/committees/hualin-public-environment/").status_code == 404


def test_minutes_export_as_a_chinese_pdf_and_votes_as_csv(client, demo):
    import subprocess

    meeting = Meeting.objects.get(committee__code="hualin-public-environment")
    client.force_login(demo.resident2)
    pdf = client.get(f"/manage/meetings/{meeting.code}/minutes.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout.decode()
    assert "A区绿化改善议事会" in text and "实施A区绿化改善方案" in text
    csv_text = client.get(f"/manage/meetings/{meeting.code}/votes.csv").content.decode("utf-8-sig")
    assert "实施A区绿化改善方案,3,0,0,通过" in csv_text


def test_committee_list_costs_the_same_queries_with_one_or_many_bodies(client, demo):
    from committees import services
    from courtyards.models import Building, Community
    from governance.accounts.choices import Role
    from tests.base import make_staff

    shuangqiao = Community.objects.get(code="shuangqiao")  # no body yet
    building = Building.objects.get(code="shuangqiao-1-b1")
    client.force_login(make_staff(role=Role.COMMUNITY_STAFF, node=shuangqiao))
    first = services.committee_create(place=building, name="楼栋自治小组", kind="building_group")
    services.membership_appoint(committee=first, user=make_user())
    one = queries_of(client, "/manage/committees/")
    for n in range(5):
        body = services.committee_create(place=building, name=f"楼栋自治小组{n}", kind="building_group")
        services.membership_appoint(committee=body, user=make_user())
    assert queries_of(client, "/manage/committees/") == one


def test_public_community_page_costs_the_same_queries_with_more_bodies(client, demo):
    from committees import services

    few = queries_of(client, "/communities/xinhong/")
    for n in range(4):
        body = services.committee_create(place=demo.xinhong, name=f"院落自治小组{n}", kind="courtyard_group")
        services.membership_appoint(committee=body, user=make_user())
    many = queries_of(client, "/communities/xinhong/")
    assert many == few


def test_a_follow_up_action_is_marked_done_from_the_meeting_page(client, demo):
    from committees.models import FollowUpAction

    action = FollowUpAction.objects.get(meeting__committee__code="hualin-public-environment")
    client.force_login(demo.resident2)
    client.post(f"/manage/actions/{action.pk}/done/")
    action.refresh_from_db()
    assert action.status == "done" and action.done_at is not None


def test_committee_public_page_costs_the_same_queries_with_more_members(client, demo):
    from committees import services

    committee = Committee.objects.get(code="hualin-co-building")
    few = queries_of(client, f"/committees/{committee.code}/")
    for _ in range(4):
        services.membership_appoint(committee=committee, user=make_user())
    many = queries_of(client, f"/committees/{committee.code}/")
    assert many == few


def test_the_street_page_shows_its_federation_with_masked_names(client, demo):
    page = client.get("/streets/shuangqiaozi/").text
    assert "双桥子街道居民自治联合会" in page and "张**" in page and "张同珍" not in page
    client.force_login(demo.street)
    assert "张同珍" in client.get("/streets/shuangqiaozi/").text, "staff of the street see names in full"


def test_a_chair_renames_their_committee_and_an_inactive_one_leaves_the_public_pages(client, demo):
    client.force_login(demo.resident2)
    client.post("/manage/committees/hualin-public-environment/edit/", {"name": "华林社区公共环境委员会", "description": "绿化与卫生"})
    committee = Committee.objects.get(code="hualin-public-environment")
    assert committee.name == "华林社区公共环境委员会" and not committee.is_active
    client.logout()
    assert client.get("/committees/hualin-public-environment/").status_code == 404
    page = client.get("/communities/hualin/").text
    assert "/committees/hualin-public-environment/" not in page
    assert "实施A区绿化改善方案" in page, "its decisions stay on the record"


def test_need_queue_and_needs_section_cost_the_same_queries_with_more_needs(client, demo):
    from committees import services

    client.force_login(demo.community)
    services.need_raise(user=demo.resident, title="第一项需求", description="说明")  # one row, then many
    few_queue = queries_of(client, "/manage/needs/")
    few_page = queries_of(client, "/communities/xinhong/")
    for n in range(4):
        need = services.need_raise(user=demo.resident, title=f"需求{n}", description="说明")
        services.need_support(need=need, user=make_user(home_unit=demo.resident.home_unit))
    many_queue = queries_of(client, "/manage/needs/")
    many_page = queries_of(client, "/communities/xinhong/")
    assert (many_queue, many_page) == (few_queue, few_page)


def test_community_staff_create_a_courtyard_group_and_a_wrong_courtyard_code_is_refused(client, demo):
    client.force_login(demo.community)
    data = {"community": "xinhong", "courtyard_code": "xinhuayuan", "kind": "courtyard_group", "name": "新华苑院落居民自治小组"}
    assert client.post("/manage/committees/new/", data).status_code == 302
    assert Committee.objects.get(name="新华苑院落居民自治小组").courtyard.code == "xinhuayuan"
    wrong = client.post("/manage/committees/new/", {**data, "courtyard_code": "hualin-a", "name": "错误小组"})
    assert "该社区没有这个编码的院落" in wrong.text and not Committee.objects.filter(name="错误小组").exists()


def test_minutes_still_export_when_the_cjk_font_is_missing(client, demo, settings):
    from governance.core.pdf import cjk_font

    settings.PDF_CJK_FONT = "/nonexistent/font.ttc"
    cjk_font.cache_clear()
    try:
        meeting = Meeting.objects.get(committee__code="hualin-public-environment")
        client.force_login(demo.admin)
        assert client.get(f"/manage/meetings/{meeting.code}/minutes.pdf").content.startswith(b"%PDF")
    finally:
        cjk_font.cache_clear()


def test_staff_filter_needs_by_status_on_the_page_and_in_the_api(client, demo):
    from committees import services

    services.need_raise(user=demo.resident, title="院落垃圾分类", description="说明")
    client.force_login(demo.admin)
    assert "院落垃圾分类" in client.get("/manage/needs/?status=raised").text
    assert "院落垃圾分类" not in client.get("/manage/needs/?status=done").text
    titles = [n["title"] for n in client.get("/api/v1/needs/?status=on_agenda").json()["results"]]
    assert titles == ["连心驿站增设老年活动时段"]
    kinds = {c["kind"] for c in client.get("/api/v1/committees/?kind=council").json()["results"]}
    assert kinds == {"council"}


def test_a_building_group_is_created_on_its_building_and_its_members_stand_for_its_units(client, demo):
    from committees import services

    client.force_login(demo.community)
    data = {"community": "xinhong", "courtyard_code": "xinhong-nanlu", "kind": "building_group", "name": "1栋自治小组"}
    refused = client.post("/manage/committees/new/", data)
    assert "楼栋自治小组属于一栋楼" in refused.text and not Committee.objects.filter(name="1栋自治小组").exists()
    assert client.post("/manage/committees/new/", {**data, "building_code": "xinhong-nanlu-b1"}).status_code == 302
    group = Committee.objects.get(name="1栋自治小组")
    assert (group.building.code, group.courtyard.code, group.community_id) == ("xinhong-nanlu-b1", "xinhong-nanlu", demo.xinhong.pk)

    member = services.membership_appoint(committee=group, user=make_user(display_name="王建国"))
    client.post(f"/manage/memberships/{member.pk}/link/", {"unit": "xinhong-nanlu-b1-u2"})
    member.refresh_from_db()
    assert member.unit.code == "xinhong-nanlu-b1-u2"
    other_building = client.post(f"/manage/memberships/{member.pk}/link/", {"unit": "xinhong-nanlu-b2-u1"}, follow=True)
    assert "请选择本楼栋的单元" in other_building.text
    member.refresh_from_db()
    assert member.unit.code == "xinhong-nanlu-b1-u2"

    client.logout()
    page = client.get(f"/committees/{group.code}/").text
    assert "新鸿南路院落 · 1栋" in page and re.search(r"王\*\*\s*· 2单元", page), "the member shows with their unit"


def test_a_member_of_the_street_federation_is_linked_to_the_association_they_represent(client, demo):
    from associations import services as association_services

    member = Membership.objects.get(committee__code="shuangqiaozi-federation", user__username="resident_03")
    outside = association_services.association_create(place=demo.hualin, name="华林志愿者协会", kind="volunteer", anchor="community")
    client.force_login(demo.street)
    manage = client.get("/manage/committees/shuangqiaozi-federation/").text
    assert 'value="association:xinhong-residents"' in manage and f'value="association:{outside.code}"' not in manage

    client.post(f"/manage/memberships/{member.pk}/link/", {"represents": "association:xinhong-residents"})
    refused = client.post(f"/manage/memberships/{member.pk}/link/", {"represents": f"association:{outside.code}"}, follow=True)
    assert "街道居民自治联合会的成员代表本街道的" in refused.text
    member.refresh_from_db()
    assert (member.represents_association.code, member.represents_committee) == ("xinhong-residents", None)
    assert "代表社区居民自治协会" in client.get("/committees/shuangqiaozi-federation/").text


def test_a_building_groups_manage_page_costs_the_same_queries_with_more_members(client, demo):
    from committees import services
    from courtyards.models import Building

    group = services.committee_create(place=Building.objects.get(code="xinhong-nanlu-b1"), name="1栋自治小组", kind="building_group")
    services.membership_appoint(committee=group, user=make_user())
    client.force_login(demo.community)
    one = queries_of(client, f"/manage/committees/{group.code}/")
    for n in range(4):
        member = services.membership_appoint(committee=group, user=make_user())
        services.membership_link(membership=member, unit=group.building.units.order_by("code")[n % 2])
    assert queries_of(client, f"/manage/committees/{group.code}/") == one


def _held_meeting():
    """华林社区's greening meeting of the seed: its three members all present."""
    return Meeting.objects.get(committee__code="hualin-public-environment")


def test_a_chair_typing_impossible_votes_reads_why_and_no_decision_is_written(client, demo):
    meeting = _held_meeting()
    before = Decision.objects.filter(meeting=meeting).count()
    client.force_login(demo.resident2)
    vote = {"motion": "撤销A区绿化方案", "votes_for": 0, "votes_against": 50, "votes_abstaining": 0, "outcome": "adopted"}
    page = client.post(f"/manage/meetings/{meeting.code}/decisions/", vote, follow=True).text
    assert "不能多于到会成员人数" in page
    assert Decision.objects.filter(meeting=meeting).count() == before
    wrong = {**vote, "votes_against": 3}
    page = client.post(f"/manage/meetings/{meeting.code}/decisions/", wrong, follow=True).text
    assert "按本组织的表决规则" in page and "未通过" in page, "the outcome the votes give is named"
    assert Decision.objects.filter(meeting=meeting).count() == before
    page = client.post(f"/manage/meetings/{meeting.code}/decisions/", {**vote, "votes_for": "abc"}, follow=True).text
    assert "输入整数" in page and Decision.objects.filter(meeting=meeting).count() == before


def test_a_chair_records_a_roll_call_on_the_meeting_page(client, demo):
    meeting = _held_meeting()
    client.force_login(demo.resident2)
    page = client.get(f"/manage/meetings/{meeting.code}/").text
    assert "记名表决" in page and "冯天蓉" in page
    members = list(meeting.committee.memberships.order_by("pk"))
    ballots = {f"vote_{members[0].pk}": "for", f"vote_{members[1].pk}": "against", f"vote_{members[2].pk}": "for"}
    client.post(f"/manage/meetings/{meeting.code}/decisions/", {"motion": "补种花草", **ballots})
    decision = Decision.objects.get(meeting=meeting, motion="补种花草")
    assert (decision.votes_for, decision.votes_against, decision.outcome, decision.votes.count()) == (2, 1, "adopted", 3)


def test_the_council_page_shows_which_of_the_seven_seats_are_empty(client, demo):
    page = client.get("/committees/xiulinyuan-council/").text
    seats = page.split("“1+6”七方席位")[1].split("</section>")[0]
    assert "5 个席位空缺" in seats
    for empty in ("管委会", "议事会", "市民中心", "物管公司", "集体经济组织"):
        assert empty in seats.split("</p>")[0], f"{empty} is listed as empty"
    assert "党总支" not in seats.split("</p>")[0] and "业委会" not in seats.split("</p>")[0]


def test_staff_seat_a_property_companys_representative_and_the_council_page_shows_the_company(client, demo):
    from committees import services

    services.membership_appoint(
        committee=Committee.objects.get(code="xiulinyuan-council"),
        user=make_user(display_name="陈经理"),
        seat="property_company",
        organisation="成都秀林物业服务有限公司",
    )
    seats = client.get("/committees/xiulinyuan-council/").text.split("“1+6”七方席位")[1].split("</section>")[0]
    assert "4 个席位空缺" in seats and "成都秀林物业服务有限公司" in seats and "陈**" in seats
    assert "物管公司" not in seats.split("</p>")[0]


def test_appointing_to_an_organisations_seat_without_naming_it_is_refused_on_the_page(client, demo):
    client.force_login(demo.admin)
    person = make_user(display_name="李代表")
    data = {"phone": person.phone, "role": "member", "seat": "collective_economy", "started_on": "2025-01-01"}
    page = client.post("/manage/committees/xiulinyuan-council/appoint/", data, follow=True).text
    assert "请填写该成员代表的组织" in page and not Membership.objects.filter(user=person).exists()
    client.post("/manage/committees/xiulinyuan-council/appoint/", {**data, "organisation": "秀林村集体经济合作社"})
    assert Membership.objects.get(user=person).organisation == "秀林村集体经济合作社"


def test_a_chair_appoints_a_secretary_and_the_public_page_names_the_post(client, demo):
    person = make_user(display_name="王小秘")
    client.force_login(demo.resident2)
    data = {"phone": person.phone, "role": "secretary", "started_on": "2025-01-01"}
    client.post("/manage/committees/hualin-public-environment/appoint/", data)
    assert Membership.objects.get(user=person).role == "secretary"
    client.logout()
    assert "王**（秘书）" in client.get("/committees/hualin-public-environment/").text


def test_a_chair_sets_the_bodys_rules_and_a_fixed_quorum_needs_its_number(client, demo):
    client.force_login(demo.resident2)
    url = "/manage/committees/hualin-public-environment/edit/"
    data = {"name": "公共环境委员会", "is_active": "on", "decision_rule": "two_thirds_present", "quorum_rule": "fixed"}
    page = client.post(url, data, follow=True).text
    assert "请填写必须到会的成员人数" in page
    assert Committee.objects.get(code="hualin-public-environment").quorum_rule == "more_than_half"
    client.post(url, {**data, "quorum_count": 3})
    committee = Committee.objects.get(code="hualin-public-environment")
    assert (committee.decision_rule, committee.quorum_rule, committee.quorum_count) == ("two_thirds_present", "fixed", 3)
    assert "到会成员的三分之二" in client.get("/committees/hualin-public-environment/").text


def test_council_page_costs_the_same_queries_with_more_seats_held(client, demo):
    from committees import services

    council = Committee.objects.get(code="xiulinyuan-council")
    few = queries_of(client, "/committees/xiulinyuan-council/")
    for seat in ("management_committee", "citizen_centre", "deliberation_council"):
        services.membership_appoint(committee=council, user=make_user(), seat=seat)
    services.membership_appoint(committee=council, user=make_user(), seat="collective_economy", organisation="秀林村集体经济合作社")
    assert queries_of(client, "/committees/xiulinyuan-council/") == few
