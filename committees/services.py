"""Writes for bodies, their members and meetings, and the council cycle of needs.

Views gate first (the permission module); these functions validate, write in one
transaction and record notifications in it. A chair's or vice-chair's right to run
their body is a django-guardian grant made on appointment and withdrawn when the term ends.
"""

import uuid
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from guardian.shortcuts import assign_perm, remove_perm

from courtyards import services as tree_services
from governance.accounts import permissions
from governance.notifications import kinds
from governance.notifications.services import notification_create

from . import voting
from .choices import ActionStatus, CommitteeKind, MeetingStatus, MemberRole, NeedStatus, Outcome, QuorumRule
from .models import AgendaItem, Attendance, Committee, Decision, FollowUpAction, Meeting, Membership, Need, NeedSupport, Vote

RUNNING_ROLES = {MemberRole.CHAIR, MemberRole.VICE_CHAIR}
MANAGE_PERM = "committees.manage_committee"

kinds.register(
    "meeting.reminder",
    title=gettext_lazy("Meeting tomorrow: %(title)s"),
    body=gettext_lazy("%(committee)s meets at %(when)s, %(place)s."),
)
kinds.register(
    "need.on_agenda",
    title=gettext_lazy("A need you support is on the agenda"),
    body=gettext_lazy("“%(need)s” will be discussed by %(committee)s on %(when)s."),
)
kinds.register(
    "need.decided",
    title=gettext_lazy("A need you support was decided"),
    body=gettext_lazy("%(committee)s decided on “%(need)s”: %(outcome)s."),
)


def _when(meeting: Meeting) -> str:
    return formats.date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")


@transaction.atomic
def committee_create(*, place, name: str, kind: str, topic: str = "", description: str = "", code: str = "") -> Committee:
    if kind == CommitteeKind.FEDERATION and place._meta.model_name != "street":
        raise ValidationError(_("A street federation belongs to a street."))
    if kind != CommitteeKind.FEDERATION and place._meta.model_name == "street":
        raise ValidationError(_("Only the street federation sits on a street; choose a community or courtyard."))
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
        _need_move(need, NeedStatus.ON_AGENDA, committee=meeting.committee)
        when = _when(meeting)
        _notify_supporters(need, "need.on_agenda", f"meeting:{meeting.pk}", {"committee": meeting.committee.name, "when": when})
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
    _need_move(need, status, committee=committee)
    params = {"committee": committee.name, "outcome": str(Outcome(decision.outcome).label)}
    _notify_supporters(need, "need.decided", f"decision:{decision.pk}", params)


@transaction.atomic
def action_add(*, meeting: Meeting, title: str, owner: Membership, due_on: date, decision: Decision | None = None) -> FollowUpAction:
    if owner.committee_id != meeting.committee_id:
        raise ValidationError(_("The owner must be a member of this body."))
    action = FollowUpAction(meeting=meeting, title=title.strip(), owner=owner, due_on=due_on, decision=decision)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_complete(*, action: FollowUpAction) -> FollowUpAction:
    if action.status == ActionStatus.DONE:
        return action  # a second tap on a phone changes nothing
    action.status, action.done_at = ActionStatus.DONE, timezone.now()
    action.save(update_fields=["status", "done_at"])
    return action


# --- the council cycle ----------------------------------------------------------------------


@transaction.atomic
def need_raise(*, user, title: str, description: str, community=None) -> Need:
    """A verified resident raises a need in their own community; raising it counts as their support."""
    unit = user.home_unit
    if unit is None:
        raise ValidationError(_("Only residents with a verified home can raise a need."))
    if community is not None and community.pk != unit.community_id:
        raise ValidationError(_("You can raise needs only in your own community."))
    need = Need(
        raised_by=user,
        title=title.strip(),
        description=description.strip(),
        district_id=unit.district_id,
        street_id=unit.street_id,
        community_id=unit.community_id,
        courtyard_id=unit.courtyard_id,
    )
    need.full_clean()
    need.save()
    NeedSupport.objects.create(need=need, user=user)
    return need


@transaction.atomic
def need_open(*, raised_by, committee: Committee, title: str, description: str) -> Need:
    """Staff open a need for a community body on residents' behalf (from their requests); supporters are added separately."""
    if committee.community_id is None or not committee.is_active:
        raise ValidationError(_("Choose an active body of a community."))
    need = Need(
        raised_by=raised_by,
        committee=committee,
        title=title.strip(),
        description=description.strip(),
        district_id=committee.district_id,
        street_id=committee.street_id,
        community_id=committee.community_id,
        courtyard_id=committee.courtyard_id,
    )
    need.full_clean()
    need.save()
    return need


def need_support(*, need: Need, user) -> NeedSupport:
    """Support a need once. A second support is refused and changes nothing."""
    if user.home_unit_id is None:
        raise ValidationError(_("Only residents with a verified home can support a need."))
    if user.home_unit.community_id != need.community_id:
        raise ValidationError(_("You can support needs only in your own community."))
    if need.status in {NeedStatus.DONE, NeedStatus.DECLINED}:
        raise ValidationError(_("This need is closed."))
    try:
        with transaction.atomic():
            return NeedSupport.objects.create(need=need, user=user)
    except IntegrityError:
        raise ValidationError(_("You already support this need. Each resident’s support counts once."))


@transaction.atomic
def need_set_status(*, need: Need, status: str) -> Need:
    """Staff track a decided need to done."""
    allowed = {NeedStatus.DECIDED: {NeedStatus.IN_PROGRESS, NeedStatus.DONE}, NeedStatus.IN_PROGRESS: {NeedStatus.DONE}}
    if status not in allowed.get(need.status, set()):
        raise ValidationError(_("A need can be carried out only after it was decided."))
    _need_move(need, status)
    return need


def _need_move(need: Need, status: str, committee: Committee | None = None) -> None:
    need.status = status
    need.committee = committee or need.committee
    need.done_at = timezone.now() if status == NeedStatus.DONE else None
    need.save(update_fields=["status", "committee", "done_at"])


def _notify_supporters(need: Need, kind: str, event: str, params: dict) -> None:
    supporters = NeedSupport.objects.filter(need=need).select_related("user")
    for support in supporters:
        notification_create(
            recipient=support.user,
            kind=kind,
            key=f"need:{need.code}:{event}:{support.user_id}",
            params={"need": need.title, **params},
            link=reverse("committees:need", kwargs={"code": need.code}),
        )


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
