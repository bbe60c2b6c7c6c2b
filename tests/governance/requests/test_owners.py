"""Owners are rows, and owners act: routing finds the actual body at the place (or the level above that
has one, and says so); a committee's chair and a department's handlers see and handle what their body
owns, through the permission module, and get 404 for everything else."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from committees import services as committee_services
from committees.choices import CommitteeKind, CommitteeTopic, MemberRole
from committees.models import Committee
from governance.accounts.models import User
from governance.notifications.models import Notification
from governance.requests.choices import EventKind, OwnerBody, Status
from governance.requests.clock import sweeps as deadlines
from governance.requests.dispatch import services as dispatch_services
from governance.requests.dispatch.models import Department, DepartmentKind
from governance.requests.models import Request
from governance.requests.oversight import services as oversight_services
from governance.requests.workflow import rules
from tests.base import make_user

from .helpers import event_text, file_request

pytestmark = pytest.mark.django_db


def person(username: str) -> User:
    return User.objects.get(username=username)


def xinhong_safety(demo) -> Request:
    """治安 in 新鸿社区: owned by 新鸿社区's 安全与民调委员会, chaired by demo_chair."""
    return file_request(demo, category="safety", title="门禁坏了")


def hualin_safety(demo) -> Request:
    """治安 in 华林社区: owned by 华林社区's own 安全与民调委员会."""
    return file_request(demo, resident=demo.resident2, category="safety", title="自行车被盗")


# --- routing to the actual body ----------------------------------------------------------------


def test_a_committee_kind_is_routed_to_this_communitys_committee_of_that_topic(demo):
    mine, theirs = xinhong_safety(demo), hualin_safety(demo)
    assert mine.owner_committee == Committee.objects.get(code="xinhong-safety-mediation")
    assert theirs.owner_committee == Committee.objects.get(code="hualin-safety-mediation")
    assert not mine.events.filter(kind=EventKind.ROUTED).exists()


def test_where_the_community_has_no_such_committee_the_community_takes_it_and_the_timeline_says_so(demo):
    request = file_request(demo, category="greening", title="树枝挡窗")
    assert (request.owner_body, request.owner_committee, request.owner_name) == (OwnerBody.COMMUNITY, None, "新鸿社区")
    note = event_text(request, EventKind.ROUTED)
    assert note.startswith("新鸿社区") and "公共环境委员会" in note
    hualin = file_request(demo, resident=demo.resident2, category="greening", title="绿地被占")
    assert hualin.owner_committee.code == "hualin-public-environment" and hualin.owner_name == "公共环境委员会"


def test_a_courtyard_without_a_group_falls_back_to_its_community(demo):
    with_group = file_request(demo, category="noise", title="麻将声")
    without = file_request(demo, resident=demo.resident2, category="noise", title="广场舞")
    assert with_group.owner_committee.kind == CommitteeKind.COURTYARD_GROUP and with_group.owner_name == "新鸿南路院落自治小组"
    assert (without.owner_body, without.owner_name) == (OwnerBody.COMMUNITY, "华林社区")
    assert "华林A区" in event_text(without, EventKind.ROUTED)


def test_a_department_kind_goes_to_the_streets_department_else_the_districts_else_the_street_office(demo):
    street_level = file_request(demo, category="roads", title="井盖缺失")
    district_level = file_request(demo, resident=demo.resident2, category="roads", title="路面坑洼")
    assert street_level.owner_department.name == "双桥子街道综合行政执法队"
    assert district_level.owner_department.name == "成华区城市管理局" and district_level.owner_department.street is None
    Department.objects.filter(kind=DepartmentKind.URBAN_MANAGEMENT).update(active=False)
    nobody = file_request(demo, resident=demo.resident2, category="roads", title="人行道破损")
    assert (nobody.owner_body, nobody.owner_department, nobody.owner_name) == (OwnerBody.STREET, None, "圣灯街道")
    assert "圣灯街道" in event_text(nobody, EventKind.ROUTED)


def test_the_owners_name_follows_the_row_not_a_stored_label(demo, client):
    request = xinhong_safety(demo)
    Committee.objects.filter(pk=request.owner_committee_id).update(name="新鸿社区平安委员会")
    client.force_login(demo.resident)
    assert "新鸿社区平安委员会" in client.get(f"/requests/{request.number}/").text
    assert Request.objects.get(pk=request.pk).owner_name == "新鸿社区平安委员会"


# --- the owning body's people act, through the permission module --------------------------------


def test_a_committee_chair_accepts_and_resolves_their_committees_request_on_the_page(demo, client):
    request = xinhong_safety(demo)
    client.force_login(person("demo_chair"))
    page = client.get(f"/manage/requests/{request.number}/")
    assert page.status_code == 200 and request.title in page.text
    client.post(f"/manage/requests/{request.number}/act/", {"action": "accept"})
    client.post(f"/manage/requests/{request.number}/act/", {"action": "start"})
    client.post(f"/manage/requests/{request.number}/act/", {"action": "resolve", "note": "已修好门禁"})
    request.refresh_from_db()
    assert request.status == Status.RESOLVED
    assert list(request.events.exclude(to_status="").values_list("actor__username", flat=True))[1:] == ["demo_chair"] * 3


def test_a_committee_chair_gets_404_for_another_committees_request_page_and_api(demo, client):
    theirs = hualin_safety(demo)
    chair = person("demo_chair")
    client.force_login(chair)
    assert client.get(f"/manage/requests/{theirs.number}/").status_code == 404
    assert client.post(f"/manage/requests/{theirs.number}/act/", {"action": "accept"}).status_code == 404
    api = APIClient()
    api.force_authenticate(chair)
    assert api.get(f"/api/v1/requests/{theirs.number}/").status_code == 404
    assert api.post(f"/api/v1/requests/{theirs.number}/accept/", {}, format="json").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.SUBMITTED


def test_the_chairs_queue_and_api_list_their_committees_request_and_not_another(demo, client):
    mine, theirs = xinhong_safety(demo), hualin_safety(demo)
    other_xinhong = file_request(demo, category="facilities", title="路灯坏了")  # the community's own, not the committee's
    client.force_login(person("demo_chair"))
    queue = client.get("/manage/requests/").text
    assert mine.number in queue and theirs.number not in queue and other_xinhong.number not in queue
    api = APIClient()
    api.force_authenticate(person("demo_chair"))
    numbers = {row["number"] for row in api.get("/api/v1/requests/").json()["results"]}
    assert mine.number in numbers and theirs.number not in numbers and other_xinhong.number not in numbers


def test_the_chair_acts_through_the_api_too(demo):
    request = xinhong_safety(demo)
    api = APIClient()
    api.force_authenticate(person("demo_chair"))
    answer = api.post(f"/api/v1/requests/{request.number}/accept/", {"note": "收到"}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == Status.ACCEPTED
    assert answer.json()["owner_label"] == "安全与民调委员会"


def test_a_plain_member_sees_nothing_until_given_the_handling_role_and_an_ended_term_sees_nothing(demo, client):
    request = xinhong_safety(demo)
    committee = request.owner_committee
    member = make_user(display_name="委员")
    membership = committee_services.membership_appoint(committee=committee, user=member, role=MemberRole.MEMBER)
    client.force_login(member)
    assert client.get(f"/manage/requests/{request.number}/").status_code == 404
    committee_services.membership_end(membership=membership)
    handler = committee_services.membership_appoint(committee=committee, user=member, handles_requests=True)
    assert client.get(f"/manage/requests/{request.number}/").status_code == 200
    assert rules.may_handle(member, request)
    committee_services.membership_end(membership=handler)
    assert client.get(f"/manage/requests/{request.number}/").status_code == 404
    assert client.get("/manage/requests/").status_code == 404  # no role and no body: not a work page for them


def test_a_department_handler_handles_their_departments_request_and_gets_404_for_another(demo, client):
    mine = file_request(demo, category="roads", title="井盖缺失")  # 双桥子街道综合行政执法队
    theirs = file_request(demo, resident=demo.resident2, category="roads", title="路面坑洼")  # 成华区城市管理局
    client.force_login(person("demo_handler"))
    queue = client.get("/manage/requests/").text
    assert mine.number in queue and theirs.number not in queue
    client.post(f"/manage/requests/{mine.number}/act/", {"action": "accept"})
    assert client.get(f"/manage/requests/{theirs.number}/").status_code == 404
    api = APIClient()
    api.force_authenticate(person("demo_handler"))
    assert api.post(f"/api/v1/requests/{theirs.number}/accept/", {}, format="json").status_code == 404
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == (Status.ACCEPTED, Status.SUBMITTED)


def test_an_ended_handler_loses_the_departments_requests(demo, client):
    request = file_request(demo, category="roads", title="井盖缺失")
    handler = request.owner_department.handlers.get(user__username="demo_handler")
    dispatch_services.department_handler_end(handler=handler)
    client.force_login(person("demo_handler"))
    assert client.get(f"/manage/requests/{request.number}/").status_code == 404


def test_the_owning_bodys_people_are_told_when_their_request_is_supervised(demo):
    request = xinhong_safety(demo)
    oversight_services.supervision_issue(request=request, by=demo.street, instruction="请尽快处理", reply_due_on=timezone.localdate())
    assert Notification.objects.filter(recipient=person("demo_chair"), kind="requests.supervised").count() == 1


# --- escalation moves to the body above ---------------------------------------------------------


def overdue(request: Request) -> Request:
    late = timezone.now() - timedelta(hours=1)
    Request.objects.filter(pk=request.pk).update(
        accept_due_at=late, resolve_due_at=late, owner_accept_due_at=late, owner_resolve_due_at=late
    )
    return request


def test_an_overdue_committee_request_moves_to_its_community_and_the_chair_loses_it(demo, client):
    request = overdue(xinhong_safety(demo))
    assert deadlines.requests_escalate_overdue() >= 1
    request.refresh_from_db()
    assert (request.owner_body, request.owner_committee, request.owner_name) == (OwnerBody.COMMUNITY, None, "新鸿社区")
    assert "安全与民调委员会" in event_text(request, EventKind.ESCALATED)
    client.force_login(person("demo_chair"))
    assert client.get(f"/manage/requests/{request.number}/").status_code == 404


def test_an_overdue_street_department_request_moves_to_the_street_office_and_a_district_one_stays(demo):
    street_level = overdue(file_request(demo, category="roads", title="井盖缺失"))
    district_level = overdue(file_request(demo, resident=demo.resident2, category="roads", title="路面坑洼"))
    deadlines.requests_escalate_overdue()
    street_level.refresh_from_db()
    district_level.refresh_from_db()
    assert (street_level.owner_body, street_level.owner_department, street_level.owner_name) == (OwnerBody.STREET, None, "双桥子街道")
    assert (district_level.owner_body, district_level.escalations) == (OwnerBody.DEPARTMENT, 0)


def test_a_committee_made_later_takes_new_requests_of_its_topic(demo):
    xinhong = demo.xinhong
    committee_services.committee_create(
        place=xinhong, name="新鸿社区公共环境委员会", kind=CommitteeKind.SPECIALISED, topic=CommitteeTopic.PUBLIC_ENVIRONMENT
    )
    request = file_request(demo, category="greening", title="树枝挡窗")
    assert request.owner_body == OwnerBody.COMMITTEE and request.owner_name == "新鸿社区公共环境委员会"


def test_the_chair_gives_a_member_the_handling_role_on_the_committee_page_and_the_member_then_handles(demo, client):
    request = xinhong_safety(demo)
    member = make_user(display_name="委员")
    client.force_login(person("demo_chair"))
    data = {"phone": member.phone, "role": "member", "started_on": "2026-01-01", "handles_requests": "on"}
    client.post(f"/manage/committees/{request.owner_committee.code}/appoint/", data)
    assert request.owner_committee.memberships.get(user=member).handles_requests
    client.force_login(member)
    client.post(f"/manage/requests/{request.number}/act/", {"action": "accept"})
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED and request.events.filter(actor=member).exists()
