"""Writes for bodies, their members and meetings; the council cycle of needs is `needs.py` (re-exported here).

Views gate first (the permission module); these functions validate, write in one
transaction and record notifications in it. A chair's or vice-chair's right to run
their body is a django-guardian grant made on appointment and withdrawn when the term ends.
"""

import uuid
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from guardian.shortcuts import assign_perm, remove_perm

from courtyards import services as tree_services
from governance.accounts import permissions
from governance.core import stored_text
from governance.notifications import kinds
from governance.notifications.services import notification_create

from . import needs, voting
from .choices import ActionStatus, CommitteeKind, MeetingStatus, MemberRole, NeedStatus, Outcome, QuorumRule
from .models import AgendaItem, Attendance, Committee, Decision, FollowUpAction, Meeting, Membership, Need, Vote

# The council cycle's writes, for the callers of `services` (views, API, demo, the requests' links).
from .needs import need_implement as need_implement
from .needs import need_open as need_open
from .needs import need_raise as need_raise
from .needs import need_set_status as need_set_status
from .needs import need_support as need_support

RUNNING_ROLES = {MemberRole.CHAIR, MemberRole.VICE_CHAIR}
MANAGE_PERM = "committees.manage_committee"

stored_text.register_choices("committees.outcome", Outcome)
kinds.register(
    "meeting.reminder",
    title=gettext_lazy("Meeting tomorrow: %(title)s"),
    body=gettext_lazy("%(committee)s meets at %(when)s, %(place)s."),
)


def _when(meeting: Meeting) -> dict:
    """The meeting's time as a notification keeps it: formatted when read, in the reader's language."""
    return stored_text.moment(meeting.starts_at)


@transaction.atomic
def committee_create(*, place, name: str, kind: str, topic: str = "", description: str = "", code: str = "") -> Committee:
    if kind == CommitteeKind.FEDERATION and place._meta.model_name != "street":
        raise ValidationError(_("A street federation belongs to a street."))
    if kind != CommitteeKind.FEDERATION and place._meta.model_name == "street":
        raise ValidationError(_("Only the street federation sits on a street; choose a community or courtyard."))
    _check_building_group(kind, place)
    committee = Committee(
        name=name.strip(),
        kind=kind,
        topic=topic,
        description=description,
        code=code or _new_code(place, topic or kind),
        **tree_services.ancestor_values(Committee, place),
    )
    committee.full_clean()
    committee.save()
    return committee


def _check_building_group(kind: str, place) -> None:
    """A building group 楼栋自治小组 is the group of one building: created on it, so its units and members can be tied to it."""
    if kind == CommitteeKind.BUILDING_GROUP and place.level != "building":
        raise ValidationError({"building_code": _("A building group belongs to a building: give the building's code.")})


def _new_code(place, stem: str) -> str:
    code = f"{place.code}-{stem}".replace("_", "-")[:50]
    if Committee.objects.filter(code=code).exists():
        code = f"{code}-{uuid.uuid4().hex[:6]}"
    return code


@transaction.atomic
def committee_update(
    *,
    committee: Committee,
    name: str,
    description: str,
    is_active: bool,
    decision_rule: str = "",
    quorum_rule: str = "",
    quorum_count: int | None = None,
) -> Committee:
    """Rename, describe, (de)activate; with `decision_rule` / `quorum_rule`, change how the body decides."""
    committee.name, committee.description, committee.is_active = name.strip(), description, is_active
    committee.decision_rule = decision_rule or committee.decision_rule
    if quorum_rule:
        committee.quorum_rule = quorum_rule
        committee.quorum_count = quorum_count if quorum_rule == QuorumRule.FIXED else None
    committee.full_clean()
    committee.save()
    return committee


@transaction.atomic
def membership_appoint(
    *,
    committee: Committee,
    user,
    role: str = MemberRole.MEMBER,
    seat: str = "",
    organisation: str = "",
    started_on: date | None = None,
    ends_on: date | None = None,
    handles_requests: bool = False,
) -> Membership:
    """Appoint a person; on a council seat of an organisation (物业企业, 集体经济组织), as its representative."""
    if Membership.objects.filter(committee=committee, user=user, ended_on__isnull=True).exists():
        raise ValidationError(_("%(person)s is already a member of %(committee)s.") % {"person": user, "committee": committee})
    membership = Membership(
        committee=committee,
        user=user,
        role=role,
        seat=seat,
        organisation=organisation.strip(),
        started_on=started_on or timezone.localdate(),
        ends_on=ends_on,
        handles_requests=handles_requests,
    )
    membership.full_clean()
    membership.save()
    if role in RUNNING_ROLES:
        assign_perm("manage_committee", user, committee)
    permissions.forget_assignments(user)  # the bodies they handle changed
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, ended_on: date | None = None) -> Membership:
    """End a term. The row stays: it is the body's history."""
    membership = Membership.objects.select_for_update().select_related("committee", "user").get(pk=membership.pk)
    if membership.ended_on is not None:
        raise ValidationError(_("This term has already ended."))
    membership.ended_on = ended_on or timezone.localdate()
    if membership.ended_on < membership.started_on:
        raise ValidationError(_("A term cannot end before it starts."))
    membership.save(update_fields=["ended_on"])
    remove_perm("manage_committee", membership.user, membership.committee)
    permissions.forget_assignments(membership.user)
    return membership


@transaction.atomic
def membership_link(*, membership: Membership, unit=None, represents=None) -> Membership:
    """Tie a member to the unit of the body's building they stand for, or a federation member to the body or association
    of the street they represent (None clears). Anything else is refused and changes nothing."""
    committee = membership.committee
    if not membership.is_current:
        raise ValidationError(_("This term has already ended."))
    if unit is not None and (committee.building_id is None or unit.building_id != committee.building_id):
        raise ValidationError({"unit": _("Choose a unit of this body's building.")})
    membership.unit = unit
    _set_represents(membership, committee, represents)
    membership.full_clean()
    membership.save(update_fields=["unit", "represents_committee", "represents_association"])
    return membership


def _set_represents(membership: Membership, committee: Committee, body) -> None:
    if body is not None and (committee.kind != CommitteeKind.FEDERATION or body.street_id != committee.street_id or body == committee):
        raise ValidationError({"represents": _("A member of the street federation represents a body or an association of its street.")})
    is_body = isinstance(body, Committee)
    membership.represents_committee = body if is_body else None
    membership.represents_association = body if body is not None and not is_body else None


@transaction.atomic
def meeting_schedule(*, committee: Committee, title: str, starts_at, place: str, agenda: list[str] = (), by=None) -> Meeting:
    meeting = Meeting(committee=committee, title=title.strip(), starts_at=starts_at, place=place.strip(), created_by=by)
    meeting.full_clean()
    meeting.save()
    AgendaItem.objects.bulk_create([AgendaItem(meeting=meeting, position=i, title=t.strip()) for i, t in enumerate(agenda, 1) if t.strip()])
    return meeting


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, need: Need | None = None) -> AgendaItem:
    position = meeting.agenda_items.count() + 1
    item = AgendaItem(meeting=meeting, position=position, title=title.strip() or (need.title if need else ""), need=need)
    item.full_clean()
    item.save()
    if need is not None:
        needs.need_move(need, NeedStatus.ON_AGENDA, committee=meeting.committee)
        params = {"committee": meeting.committee.name, "when": _when(meeting)}
        needs.notify_supporters(need, "need.on_agenda", f"meeting:{meeting.pk}", params)
    return item


@transaction.atomic
def attendance_record(*, meeting: Meeting, present_ids: set[int]) -> int:
    """Who was in the room, among the members current on the meeting's day. Returns how many were present.
    Decisions already taken keep the room they were taken in (Decision.members_present)."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # not while a decision is being counted
    members = meeting_members(meeting)
    Attendance.objects.filter(meeting=meeting).delete()
    Attendance.objects.bulk_create([Attendance(meeting=meeting, membership=m, present=m.pk in present_ids) for m in members])
    return sum(1 for m in members if m.pk in present_ids)


def meeting_members(meeting: Meeting):
    return list(Membership.objects.filter(committee_id=meeting.committee_id, ended_on__isnull=True).select_related("user"))


@transaction.atomic
def minutes_record(*, meeting: Meeting, minutes: str) -> Meeting:
    if not minutes.strip():
        raise ValidationError({"minutes": _("Please write the minutes.")})
    meeting.minutes = minutes.strip()
    meeting.status = MeetingStatus.HELD
    meeting.full_clean()
    meeting.save(update_fields=["minutes", "status"])
    return meeting


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    motion: str,
    votes_for: int | None = None,
    votes_against: int | None = None,
    votes_abstaining: int | None = None,
    outcome: str = "",
    need: Need | None = None,
    ballots: dict[int, str] | None = None,
) -> Decision:
    """Record a motion's votes (totals, or a roll call `ballots`: membership id -> choice) and the outcome the
    body's rule gives; an outcome typed by hand must agree. No quorum, more votes than members present: refused."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("committee").get(pk=meeting.pk)  # attendance holds still
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting was cancelled; it takes no decisions."))
    room = voting.room_of(meeting)
    ballots = ballots or {}
    typed = (votes_for, votes_against, votes_abstaining)
    totals, outcome = voting.count(committee=meeting.committee, room=room, typed=typed, ballots=ballots, outcome=outcome)
    decision = Decision(
        meeting=meeting,
        motion=motion.strip(),
        votes_for=totals[0],
        votes_against=totals[1],
        votes_abstaining=totals[2],
        outcome=outcome,
        need=need,
        members_total=room.members,
        members_present=room.present,
        quorum=room.quorum,
        rule=meeting.committee.decision_rule,
    )
    decision.full_clean()
    decision.save()
    Vote.objects.bulk_create([Vote(decision=decision, membership_id=pk, choice=choice) for pk, choice in ballots.items()])
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])
    if need is not None:
        _need_decided(need, decision)
    return decision


def _need_decided(need: Need, decision: Decision) -> None:
    committee = decision.meeting.committee
    status = {Outcome.ADOPTED: NeedStatus.DECIDED, Outcome.REJECTED: NeedStatus.DECLINED}.get(decision.outcome, NeedStatus.ON_AGENDA)
    needs.need_move(need, status, committee=committee)
    params = {"committee": committee.name, "outcome": stored_text.choice("committees.outcome", decision.outcome)}
    needs.notify_supporters(need, "need.decided", f"decision:{decision.pk}", params)


@transaction.atomic
def action_add(*, meeting: Meeting, title: str, owner: Membership, due_on: date, decision: Decision | None = None) -> FollowUpAction:
    if owner.committee_id != meeting.committee_id:
        raise ValidationError(_("The owner must be a member of this body."))
    action = FollowUpAction(meeting=meeting, title=title.strip(), owner=owner, due_on=due_on, decision=decision)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_complete(*, action: FollowUpAction, by=None, result: str = "") -> FollowUpAction:
    """Mark an action done. The last open action of a decision on a need carries the need out, with `result`
    (what was done, in the words of whoever completes it) or, if blank, the motion and its actions."""
    if action.decision_id is not None:  # two actions of one decision completed at once: the second sees the first
        Decision.objects.select_for_update().filter(pk=action.decision_id).first()
    action = FollowUpAction.objects.select_for_update(of=("self",)).select_related("decision__need").get(pk=action.pk)
    if action.status == ActionStatus.DONE:
        return action  # a second tap on a phone changes nothing
    action.status, action.done_at = ActionStatus.DONE, timezone.now()
    action.save(update_fields=["status", "done_at"])
    if action.decision is not None:
        needs.action_done(decision=action.decision, by=by, result=result)
    return action


# --- reminders ------------------------------------------------------------------------------


def meeting_reminders_send(*, now=None) -> int:
    """Remind the members of every meeting starting in the next 24 hours, once. Returns how many meetings."""
    now = now or timezone.now()
    due = Meeting.objects.filter(
        status=MeetingStatus.SCHEDULED, reminded_at__isnull=True, starts_at__gt=now, starts_at__lte=now + timedelta(hours=24)
    )
    count = 0
    for meeting_id in due.values_list("pk", flat=True):
        count += _meeting_remind(meeting_id, now)
    return count


@transaction.atomic
def _meeting_remind(meeting_id: int, now) -> int:
    meeting = (
        Meeting.objects.select_for_update(skip_locked=True)
        .select_related("committee")
        .filter(pk=meeting_id, reminded_at__isnull=True)
        .first()
    )
    if meeting is None:  # another sweep holds it or already reminded
        return 0
    params = {
        "title": meeting.title,
        "committee": meeting.committee.name,
        "when": _when(meeting),
        "place": meeting.place,
    }
    for member in meeting_members(meeting):
        notification_create(
            recipient=member.user, kind="meeting.reminder", key=f"meeting:{meeting.pk}:reminder:{member.pk}", params=params, sms=True
        )
    meeting.reminded_at = now
    meeting.save(update_fields=["reminded_at"])
    return 1
