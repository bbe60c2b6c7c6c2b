"""The council cycle and meeting reminders."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from committees import selectors, services
from committees.models import Committee, Need
from governance.notifications.models import Notification
from tests.base import make_user

pytestmark = pytest.mark.django_db


def test_a_resident_who_supports_a_need_twice_counts_once(client, demo):
    need = services.need_raise(user=demo.resident, title="院落加装路灯", description="新鸿南路院落晚上太暗。")
    neighbour = make_user(home_unit=demo.resident.home_unit)
    client.force_login(neighbour)
    client.post(f"/needs/{need.code}/support/")
    response = client.post(f"/needs/{need.code}/support/", follow=True)
    assert "您已经支持过这项需求" in response.text
    assert selectors.need_public(code=need.code).support_count == 2  # the raiser and the neighbour, once each
    with pytest.raises(ValidationError):
        services.need_support(need=need, user=neighbour)


def test_supporters_hear_when_their_need_is_put_on_an_agenda_and_decided(demo):
    council = Committee.objects.get(code="xiulinyuan-council")
    need = Need.objects.get(title="连心驿站增设老年活动时段")
    supporter = make_user(home_unit=need.raised_by.home_unit)
    services.need_support(need=need, user=supporter)
    meeting = council.meetings.filter(status="scheduled").first()
    services.attendance_record(meeting=meeting, present_ids={m.pk for m in services.meeting_members(meeting)})
    services.agenda_item_add(meeting=meeting, title="", need=need)
    services.decision_record(
        meeting=meeting, motion="增设老年活动时段", votes_for=2, votes_against=0, votes_abstaining=0, outcome="adopted", need=need
    )
    need.refresh_from_db()
    assert need.status == "decided"
    assert set(Notification.objects.filter(recipient=supporter).values_list("kind", flat=True)) == {"need.on_agenda", "need.decided"}
    services.need_set_status(need=need, status="done")
    assert need.status == "done" and need.done_at is not None


def test_members_are_reminded_once_the_day_before_a_meeting(demo):
    council = Committee.objects.get(code="xiulinyuan-council")
    meeting = services.meeting_schedule(
        committee=council, title="临时会议", starts_at=timezone.now() + timedelta(hours=20), place="连心驿站"
    )
    assert services.meeting_reminders_send() >= 1
    assert services.meeting_reminders_send() == 0
    keys = set(Notification.objects.filter(kind="meeting.reminder").values_list("key", flat=True))
    members = council.memberships.filter(ended_on__isnull=True)
    assert {f"meeting:{meeting.pk}:reminder:{m.pk}" for m in members} <= keys
    meeting.refresh_from_db()
    assert meeting.reminded_at is not None


def test_a_meeting_next_week_is_not_reminded_yet(demo):
    council = Committee.objects.get(code="xiulinyuan-council")
    meeting = services.meeting_schedule(committee=council, title="下周会议", starts_at=timezone.now() + timedelta(days=6), place="连心驿站")
    services.meeting_reminders_send()
    meeting.refresh_from_db()
    assert meeting.reminded_at is None


def test_a_resident_supports_a_need_through_the_api_once(client, demo):
    need = services.need_raise(user=demo.resident, title="楼道扶手维修", description="2栋楼道扶手松动。")
    neighbour = make_user(home_unit=demo.resident.home_unit)
    client.force_login(neighbour)
    first = client.post(f"/api/v1/needs/{need.code}/support/")
    assert first.status_code == 201 and first.json()["support_count"] == 2
    second = client.post(f"/api/v1/needs/{need.code}/support/")
    assert second.status_code == 400 and "只计一次" in second.json()["detail"]


def test_a_resident_of_another_community_cannot_support_a_need(demo):
    need = services.need_raise(user=demo.resident, title="院落停车", description="车辆乱停。")
    with pytest.raises(ValidationError):
        services.need_support(need=need, user=demo.resident2)
    assert selectors.need_public(code=need.code).support_count == 1


def test_a_body_appoints_a_secretary(demo):
    committee = Committee.objects.get(code="hualin-co-building")
    secretary = services.membership_appoint(committee=committee, user=make_user(display_name="王秘书"), role="secretary")
    assert secretary.get_role_display() == "秘书"
    assert committee.memberships.filter(role="secretary", ended_on__isnull=True).count() == 1


def test_a_council_seat_is_held_by_an_organisations_representative(demo):
    council = Committee.objects.get(code="xiulinyuan-council")
    representative = make_user(display_name="陈经理")
    seat = services.membership_appoint(
        committee=council, user=representative, seat="property_company", organisation="  成都秀林物业服务有限公司 "
    )
    seat.refresh_from_db()
    assert (seat.user, seat.seat, seat.organisation) == (representative, "property_company", "成都秀林物业服务有限公司")


def test_an_organisations_seat_without_the_organisation_or_a_seat_outside_a_council_is_refused(demo):
    council = Committee.objects.get(code="xiulinyuan-council")
    with pytest.raises(ValidationError) as missing:
        services.membership_appoint(committee=council, user=make_user(), seat="collective_economy")
    assert "organisation" in missing.value.message_dict
    with pytest.raises(ValidationError):
        services.membership_appoint(committee=council, user=make_user(), organisation="某物业公司")  # which seat?
    with pytest.raises(ValidationError):
        services.membership_appoint(committee=Committee.objects.get(code="hualin-co-building"), user=make_user(), seat="party_branch")
    assert council.memberships.count() == 2, "the seed's two members; nothing was added"
