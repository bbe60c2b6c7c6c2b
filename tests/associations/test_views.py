"""Residents join associations; leaders decide; staff review yearly; the alliance's pledges are matched and used."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from associations.models import Association, AssociationMembership
from governance.notifications.models import Notification
from tests.base import make_user, queries_of

pytestmark = pytest.mark.django_db


def test_a_resident_applies_the_leader_approves_and_a_second_application_is_refused(client, demo):
    applicant = make_user(display_name="李明", home_unit=demo.resident.home_unit)
    client.force_login(applicant)
    client.post("/associations/xinhong-residents/apply/", {"message": "想参加"})
    application = AssociationMembership.objects.get(association__code="xinhong-residents", user=applicant)
    assert application.status == "pending"
    refused = client.post("/associations/xinhong-residents/apply/", follow=True)
    assert "您已申请加入该社团" in refused.text
    assert AssociationMembership.objects.filter(user=applicant).count() == 1

    client.force_login(demo.resident)  # 张同珍 leads the association
    client.post(f"/manage/association-memberships/{application.pk}/approve/")
    application.refresh_from_db()
    assert application.status == "active"
    assert Notification.objects.filter(recipient=applicant, kind="association.approved").exists()
    client.force_login(demo.community)
    assert "李明" in client.get("/associations/xinhong-residents/").text

    client.force_login(applicant)
    again = client.post("/associations/xinhong-residents/apply/", follow=True)
    assert "您已经是该社团的成员" in again.text


def test_a_leader_of_one_association_cannot_decide_for_another(client, demo):
    pending = AssociationMembership.objects.get(association__code="xinhong-governance", status="pending")
    client.force_login(demo.resident)
    assert client.post(f"/manage/association-memberships/{pending.pk}/approve/").status_code == 404
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_staff_record_the_yearly_review_once_a_year(client, demo):
    client.force_login(demo.community)
    client.post("/manage/associations/xinhong-residents/review/", {"year": 2025, "status": "passed", "findings": "台账齐全"})
    response = client.post("/manage/associations/xinhong-residents/review/", {"year": 2025, "status": "failed"}, follow=True)
    assert Association.objects.get(code="xinhong-residents").reviews.count() == 1
    assert "2025" in response.text


def test_association_list_costs_the_same_queries_with_one_or_many(client, demo):
    from associations import services
    from courtyards.models import Community
    from governance.accounts.choices import Role
    from tests.base import make_staff

    shuangqiao = Community.objects.get(code="shuangqiao")  # no association yet
    client.force_login(make_staff(role=Role.COMMUNITY_STAFF, node=shuangqiao))
    services.membership_apply(
        association=services.association_create(place=shuangqiao, name="兴趣小组", kind="interest", anchor="interest"), user=make_user()
    )
    one = queries_of(client, "/manage/associations/")
    for n in range(4):
        association = services.association_create(place=shuangqiao, name=f"兴趣小组{n}", kind="interest", anchor="interest")
        services.membership_apply(association=association, user=make_user())
    assert queries_of(client, "/manage/associations/") == one


def test_enterprise_list_costs_the_same_queries_with_more_pledges(client, demo):
    from datetime import date

    from associations import services
    from courtyards.models import Street

    client.force_login(demo.admin)
    few = queries_of(client, "/manage/enterprises/")
    street = Street.objects.get(code="jianshelu")
    for n in range(3):
        enterprise = services.enterprise_create(street=street, name=f"商户{n}", kind="shop")
        services.pledge_create(enterprise=enterprise, kind="donation", title="捐赠", capacity=5, starts_on=date(2025, 1, 1))
    many = queries_of(client, "/manage/enterprises/")
    assert many == few


def test_community_staff_register_an_association_with_its_leader_who_can_then_run_it(client, demo):
    leader = make_user(display_name="王芳", home_unit=demo.resident.home_unit)
    client.force_login(demo.community)
    data = {
        "community": "xinhong",
        "name": "新鸿合唱团",
        "kind": "interest",
        "anchor": "interest",
        "interest": "合唱",
        "leader_phone": leader.phone,
    }
    assert client.post("/manage/associations/new/", data).status_code == 302
    association = Association.objects.get(name="新鸿合唱团")
    assert association.street_id == demo.shuangqiaozi.pk
    client.force_login(leader)
    assert client.get(f"/manage/associations/{association.code}/").status_code == 200


def test_community_staff_cannot_register_an_association_in_another_community(client, demo):
    client.force_login(demo.community)
    response = client.post(
        "/manage/associations/new/", {"community": "hualin", "name": "越界协会", "kind": "interest", "anchor": "interest"}
    )
    assert response.status_code == 200
    assert not Association.objects.filter(name="越界协会").exists()


def test_street_staff_add_an_enterprise_a_pledge_and_match_it_to_a_need(client, demo):
    from associations.models import Enterprise
    from committees import services as committee_services

    client.force_login(demo.street)
    client.post("/manage/enterprises/new/", {"street": "shuangqiaozi", "name": "双桥子超市", "kind": "shop", "alliance_member": "on"})
    enterprise = Enterprise.objects.get(name="双桥子超市")
    pledge_data = {"kind": "donation", "title": "每月捐赠米面油", "capacity": 10, "starts_on": "2026-01-01", "ends_on": "2025-01-01"}
    refused = client.post(f"/manage/enterprises/{enterprise.code}/pledges/new/", pledge_data)
    assert "结束早于开始" in refused.text and not enterprise.pledges.exists()
    client.post(f"/manage/enterprises/{enterprise.code}/pledges/new/", {**pledge_data, "ends_on": "2026-12-31"})
    pledge = enterprise.pledges.get()
    need = committee_services.need_raise(user=demo.resident, title="困难家庭生活物资", description="院落里有几户困难家庭。")
    client.post(f"/manage/pledges/{pledge.pk}/match/", {"need": need.code})
    assert list(pledge.needs.all()) == [need]


def test_association_page_costs_the_same_queries_with_more_members(client, demo):
    from associations import services

    association = Association.objects.get(code="xinhong-residents")
    few = queries_of(client, "/associations/xinhong-residents/")
    for _ in range(4):
        application = services.membership_apply(association=association, user=make_user())
        services.membership_decide(membership=application, by=demo.resident, approve=True)
    many = queries_of(client, "/associations/xinhong-residents/")
    assert many == few


def test_staff_appoint_a_leader_and_a_leader_who_leaves_stops_running_it(client, demo):
    leader = make_user(display_name="赵敏", home_unit=demo.resident.home_unit)
    client.force_login(demo.community)
    client.post("/manage/associations/xinhong-governance/leader/", {"phone": leader.phone})
    client.force_login(leader)
    assert client.get("/manage/associations/xinhong-governance/").status_code == 200
    client.post("/associations/xinhong-governance/leave/")
    assert client.get("/manage/associations/xinhong-governance/").status_code == 404
    assert AssociationMembership.objects.get(association__code="xinhong-governance", user=leader).status == "left"
    again = client.post("/associations/xinhong-governance/apply/")
    assert again.status_code == 302, "after leaving, a resident may apply again"


def test_a_leader_and_a_chair_find_what_they_run_from_the_header(client, demo):
    client.force_login(demo.resident)  # leads 社区居民自治协会, chairs the 双桥子 federation
    page = client.get("/me/bodies/").text
    assert "社区居民自治协会" in page and "双桥子街道居民自治联合会" in page and "综合治理协会" not in page
    assert "/me/bodies/" in client.get("/").text


def _offered(page: str, pledge) -> str:
    """The options of a pledge's "match to a need" menu on the alliance page ('' when it has none)."""
    found = re.search(rf'<select id="need-{pledge.pk}" name="need">(.*?)</select>', page, re.S)
    return found.group(1) if found else ""


def _declined_need(demo, title: str):
    """A need of 新鸿社区 its welfare committee voted down: closed."""
    from committees import services as committee_services
    from committees.models import Committee

    need = committee_services.need_raise(user=demo.resident, title=title, description="已经讨论过。")
    welfare = Committee.objects.get(code="xinhong-welfare")
    meeting = committee_services.meeting_schedule(committee=welfare, title="议事会", starts_at=timezone.now(), place="新鸿活动室")
    committee_services.attendance_record(meeting=meeting, present_ids={m.pk for m in committee_services.meeting_members(meeting)})
    committee_services.decision_record(
        meeting=meeting, motion=title, votes_for=0, votes_against=0, votes_abstaining=0, outcome="rejected", need=need
    )
    return need


def test_matching_offers_a_running_pledge_only_the_open_needs_of_its_street_and_refuses_the_rest(client, demo):
    from associations import services
    from committees import services as committee_services
    from courtyards.models import Unit

    enterprise = services.enterprise_create(street=demo.shuangqiaozi, name="双桥子超市", kind="shop")
    running = services.pledge_create(
        enterprise=enterprise, kind="donation", title="每月捐赠米面油", capacity=10, starts_on=date(2026, 1, 1)
    )
    ended = services.pledge_create(
        enterprise=enterprise, kind="outing", title="暑期托管", capacity=20, starts_on=date(2025, 7, 1), ends_on=date(2025, 8, 31)
    )
    ours = committee_services.need_raise(user=demo.resident, title="困难家庭生活物资", description="院落里有几户困难家庭。")
    closed = _declined_need(demo, "已否决的需求")
    neighbour = make_user(home_unit=Unit.objects.filter(street=demo.shengdeng).first())
    elsewhere = committee_services.need_raise(user=neighbour, title="圣灯的需求", description="别的街道。")

    client.force_login(demo.admin)  # the district sees every street's needs: only the street's own are offered
    page = client.get("/manage/enterprises/").text
    offered = _offered(page, running)
    assert ours.title in offered and closed.title not in offered and elsewhere.title not in offered
    assert _offered(page, ended) == "" and "暑期托管" in page

    refusals = {
        (running, elsewhere): "服务承诺只能对接本街道的需求",
        (running, closed): "该需求已关闭，不能再对接",
        (ended, ours): "该服务承诺已于2025年8月31日到期，不能再对接",
    }
    for (pledge, need), message in refusals.items():
        answer = client.post(f"/manage/pledges/{pledge.pk}/match/", {"need": need.code}, follow=True)
        assert message in answer.text, message
        assert not pledge.needs.exists()
    client.post(f"/manage/pledges/{running.pk}/match/", {"need": ours.code})
    assert list(running.needs.all()) == [ours]


def _alliance_figures(page: str) -> dict[str, str]:
    section = re.search(r'<section aria-labelledby="section-alliance">(.*?)</section>', page, re.S).group(1)
    return {label: value.strip() for label, value in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", section, re.S)}


def _job_need(demo):
    from committees import services as committee_services

    return committee_services.need_raise(user=demo.resident, title="下岗职工再就业", description="几位居民在找工作。")


def test_a_recorded_fulfilment_counts_as_used_in_the_alliance_report(client, demo, django_capture_on_commit_callbacks):
    from associations import services
    from associations.models import PledgeFulfilment

    enterprise = services.enterprise_create(street=demo.shuangqiaozi, name="双桥子家政公司", kind="chamber_member")
    pledge = services.pledge_create(enterprise=enterprise, kind="jobs", title="保洁就业岗位", capacity=30, starts_on=date(2026, 1, 1))
    need = _job_need(demo)
    services.pledge_match(pledge=pledge, need=need)
    client.force_login(demo.street)
    report = reverse("reports:dashboard", kwargs={"level": "street", "code": "shuangqiaozi"})
    assert _alliance_figures(client.get(report).text)["已使用名额"] == "0"  # and now the figures are cached

    today = timezone.localdate().isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/manage/pledges/{pledge.pk}/fulfilments/", {"used": 12, "happened_on": today, "need": need.code, "note": "首批上岗"})
    too_many = client.post(f"/manage/pledges/{pledge.pk}/fulfilments/", {"used": 19, "happened_on": today}, follow=True)
    assert "承诺的 30 个名额仅剩 18 个" in too_many.text
    fulfilment = PledgeFulfilment.objects.get(pledge=pledge)
    assert (fulfilment.used, fulfilment.need, fulfilment.recorded_by) == (12, need, demo.street)

    figures = _alliance_figures(client.get(report).text)
    assert (figures["承诺名额"], figures["已使用名额"], figures["名额使用率"]) == ("30", "12", "40.0%")
    assert "已用 12 / 30" in client.get("/manage/enterprises/").text
    api = client.get(reverse("api:enterprise-detail", kwargs={"code": enterprise.code})).json()
    assert [(p["capacity"], p["used"]) for p in api["pledges"]] == [(30, 12)]
