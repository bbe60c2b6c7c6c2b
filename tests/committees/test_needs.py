"""The council cycle's way back: a decided need is carried out when its actions are done, and its supporters hear of each step."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from committees import needs, services
from committees.models import Committee, Need
from governance.notifications.models import Notification
from tests.base import make_user

pytestmark = pytest.mark.django_db


def _council_need(title: str = "秀林苑健身器材更新"):
    """A need of 秀林苑's council raised by 郑家福, supported by a neighbour, on a past meeting's agenda."""
    council = Committee.objects.get(code="xiulinyuan-council")
    raiser = council.memberships.get(role="member").user
    need = services.need_raise(user=raiser, title=title, description="健身器材老化，希望更新。")
    neighbour = make_user(home_unit=raiser.home_unit)
    services.need_support(need=need, user=neighbour)
    meeting = services.meeting_schedule(
        committee=council, title="健身器材协商会", starts_at=timezone.now() - timedelta(days=3), place="连心驿站"
    )
    return council, need, meeting, {raiser, neighbour}


def _all_present(meeting) -> int:
    """Everyone came: the body has its quorum (a decision is counted from the room)."""
    return services.attendance_record(meeting=meeting, present_ids={m.pk for m in services.meeting_members(meeting)})


def _decide(meeting, need, *titles):
    present = _all_present(meeting)
    decision = services.decision_record(
        meeting=meeting, motion="更新秀林苑健身器材", votes_for=present, votes_against=0, votes_abstaining=0, outcome="adopted", need=need
    )
    owner = meeting.committee.memberships.get(role="chair")
    return [services.action_add(meeting=meeting, title=t, owner=owner, due_on=timezone.localdate(), decision=decision) for t in titles]


def _told(need, kind: str) -> list:
    return sorted(Notification.objects.filter(kind=kind, key__startswith=f"need:{need.code}:").values_list("recipient_id", flat=True))


def test_supporters_hear_in_their_own_language_when_their_need_is_put_on_an_agenda_and_decided(demo):
    council, need, meeting, supporters = _council_need()
    with translation.override("en"):  # the chair records the meeting in English
        services.agenda_item_add(meeting=meeting, title="", need=need)
        _decide(meeting, need)
    assert _told(need, "need.on_agenda") == _told(need, "need.decided") == sorted(u.pk for u in supporters)
    decided = Notification.objects.filter(kind="need.decided", key__startswith=f"need:{need.code}:").first()
    assert decided.params["committee"] == council.name
    with translation.override("zh-hans"):  # the outcome is kept as a code, read in the reader's language
        assert "通过" in decided.body
    with translation.override("en"):
        assert "Adopted" in decided.body and "通过" not in decided.body


def test_the_first_action_done_starts_the_work_and_the_last_carries_the_need_out(demo):
    council, need, meeting, supporters = _council_need()
    services.agenda_item_add(meeting=meeting, title="", need=need)
    buy, fit = _decide(meeting, need, "采购健身器材", "安装并验收")
    chair = council.memberships.get(role="chair").user

    services.action_complete(action=buy, by=chair)
    need.refresh_from_db()
    assert need.status == "in_progress" and _told(need, "need.implemented") == []

    services.action_complete(action=fit, by=chair)
    need.refresh_from_db()
    assert need.status == "done" and need.done_at is not None
    assert need.result == "更新秀林苑健身器材：采购健身器材；安装并验收"  # nobody wrote one: the motion and its actions
    assert _told(need, "need.implemented") == sorted(u.pk for u in supporters)  # each supporter once


def test_the_result_written_by_whoever_completes_the_last_action_is_the_needs(demo):
    council, need, meeting, _supporters = _council_need()
    (only,) = _decide(meeting, need, "更换器材")
    services.action_complete(action=only, by=council.memberships.get(role="chair").user, result="已更换8件健身器材。")
    services.action_complete(action=only, result="第二次点击")  # a second tap changes nothing
    need.refresh_from_db()
    assert need.status == "done" and need.result == "已更换8件健身器材。"
    notification = Notification.objects.filter(kind="need.implemented", key__startswith=f"need:{need.code}:").first()
    assert notification.params["result"] == "已更换8件健身器材。"


def test_an_action_of_a_rejected_decision_carries_nothing_out(demo):
    council, need, meeting, _supporters = _council_need()
    present = _all_present(meeting)
    decision = services.decision_record(
        meeting=meeting, motion="更新器材", votes_for=0, votes_against=present, votes_abstaining=0, outcome="rejected", need=need
    )
    owner = council.memberships.get(role="chair")
    action = services.action_add(meeting=meeting, title="答复居民", owner=owner, due_on=timezone.localdate(), decision=decision)
    services.action_complete(action=action)
    need.refresh_from_db()
    assert need.status == "declined" and need.result == ""


def test_staff_mark_a_decided_need_carried_out_from_the_queue_with_its_result(demo, client):
    _council, need, meeting, supporters = _council_need()
    _decide(meeting, need)
    client.force_login(demo.admin)
    client.post(f"/manage/needs/{need.code}/status/", {"status": "done", "result": "器材已由街道统一更新。"})
    need = Need.objects.get(pk=need.pk)
    assert need.status == "done" and need.result == "器材已由街道统一更新。"
    assert _told(need, "need.implemented") == sorted(u.pk for u in supporters)


def test_a_raised_need_cannot_be_carried_out(demo):
    _council, need, _meeting, _supporters = _council_need()
    with pytest.raises(ValidationError, match="决议"):
        needs.need_implement(need=need, result="已完成")
    need.refresh_from_db()
    assert need.status == "raised" and need.result == ""
