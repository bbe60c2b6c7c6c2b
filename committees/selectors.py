"""Reads of bodies, meetings and needs: public pages (names masked) and staff lists (scoped).

Who may run a body: staff whose role covers its place (the permission module's tree scope)
or its chair / vice-chair (a django-guardian grant on the body, which the permission
module also reads). `committee_to_run` and `meeting_to_run` are the gates the views call.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from courtyards.models import Unit
from courtyards.pickers import labelled
from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.core import scalars
from governance.core.privacy import mask_name

from .choices import ActionStatus, CommitteeKind, CouncilSeat, MeetingStatus, MemberRole, NeedStatus, Outcome
from .models import Committee, Decision, FollowUpAction, Meeting, Membership, Need, NeedSupport

CURRENT = Q(ended_on__isnull=True)


def _current_members() -> Prefetch:
    return Prefetch("memberships", queryset=Membership.objects.filter(CURRENT).select_related("user"), to_attr="current_members")


def public_name(user, *, reveal: bool) -> str:
    name = user.display_name or user.username
    return name if reveal else mask_name(name)


def may_see_names(viewer, node) -> bool:
    """Full names only to staff whose role covers the place; everyone else sees 张**."""
    return permissions.can(viewer, Action.VIEW, node)


# --- public ---------------------------------------------------------------------------------


def community_committees(*, community) -> QuerySet[Committee]:
    """The bodies of a community and of its courtyards, with their current members: two queries."""
    return (
        Committee.objects.filter(community=community, is_active=True)
        .select_related("courtyard")
        .prefetch_related(_current_members())
        .order_by("kind", "courtyard_id", "name")
    )


def street_committees(*, street) -> QuerySet[Committee]:
    return Committee.objects.filter(street=street, community__isnull=True, is_active=True).prefetch_related(_current_members())


def committee_public(*, code: str) -> Committee:
    try:
        return Committee.objects.select_related("district", "street", "community", "courtyard", "building").get(code=code, is_active=True)
    except Committee.DoesNotExist:
        raise Http404 from None


def committee_members(*, committee: Committee) -> QuerySet[Membership]:
    """Current members first, then the history of ended terms."""
    return (
        Membership.objects.filter(committee=committee)
        .select_related("user", "unit", "represents_committee", "represents_association")
        .order_by("-ended_on", "role", "started_on")
    )


def upcoming_meetings(*, community=None, committee=None, limit: int = 5) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(status=MeetingStatus.SCHEDULED, starts_at__gte=timezone.now()).select_related("committee")
    meetings = meetings.filter(committee__community=community) if community is not None else meetings.filter(committee=committee)
    return meetings.order_by("starts_at")[:limit]


def decisions_taken(*, community=None, committee=None, limit: int = 10) -> QuerySet[Decision]:
    decisions = Decision.objects.select_related("meeting__committee")
    decisions = (
        decisions.filter(meeting__committee__community=community)
        if community is not None
        else decisions.filter(meeting__committee=committee)
    )
    return decisions.order_by("-meeting__starts_at", "-pk")[:limit]


def council_seats(*, committee: Committee, members) -> dict | None:
    """The seven seats of a "1+6" council, in order, with their current holders, and the labels of the empty ones.
    Read from the members the page already holds, so the seats cost no query; None for any other body."""
    if committee.kind != CommitteeKind.COUNCIL:
        return None
    held: dict[str, list[Membership]] = {}
    for member in members:
        if member.is_current and member.seat:
            held.setdefault(member.seat, []).append(member)
    seats = [{"seat": seat, "label": label, "holders": held.get(seat, [])} for seat, label in CouncilSeat.choices]
    return {"seats": seats, "empty": [seat["label"] for seat in seats if not seat["holders"]]}


def with_support(queryset: QuerySet[Need]) -> QuerySet[Need]:
    return queryset.annotate(support_count=Count("supports", distinct=True))


def community_needs(*, community, limit: int = 10) -> QuerySet[Need]:
    return with_support(Need.objects.filter(community=community).select_related("committee")).order_by("-created_at")[:limit]


def need_public(*, code) -> Need:
    try:
        return with_support(Need.objects.select_related("community", "committee", "raised_by")).get(code=code)
    except Need.DoesNotExist:
        raise Http404 from None


def supported_by(*, user, needs) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(NeedSupport.objects.filter(user=user, need__in=[n.pk for n in needs]).values_list("need_id", flat=True))


@dataclass(frozen=True)
class Step:
    """One dated step of a need's progress; `done` is False for an action still to do (dated by when it is due)."""

    on: date
    label: str
    detail: str = ""
    done: bool = True


def need_progress(*, need: Need) -> dict:
    """Where a need stands, as Decidim's accountability shows a result: its status, the share of the follow-up
    actions of the decisions adopted on it that are done, and the dated steps (raised, on an agenda, decided,
    each action, carried out). Three queries whatever the number of meetings and actions."""
    agenda = need.agenda_items.select_related("meeting__committee").order_by("meeting__starts_at", "pk")
    decisions = list(need.decisions.select_related("meeting__committee").order_by("meeting__starts_at", "pk"))
    adopted = [d.pk for d in decisions if d.outcome == Outcome.ADOPTED]
    actions = list(FollowUpAction.objects.filter(decision_id__in=adopted).order_by("due_on", "pk"))
    done = sum(1 for action in actions if action.status == ActionStatus.DONE)
    steps = [Step(timezone.localdate(need.created_at), _("Raised"))]
    steps += [Step(_day(i.meeting.starts_at), _("On the agenda of %(meeting)s") % {"meeting": i.meeting.title}) for i in agenda]
    steps += [_decided(decision) for decision in decisions]
    steps += [_action_step(action) for action in actions]
    if need.done_at is not None:
        steps.append(Step(timezone.localdate(need.done_at), _("Carried out"), need.result))
    return {"percent": _percent(need, done, len(actions)), "done": done, "total": len(actions), "steps": _in_order(steps)}


def _day(moment) -> date:
    return timezone.localdate(moment)


def _decided(decision: Decision) -> Step:
    label = _("%(committee)s decided: %(outcome)s") % {
        "committee": decision.meeting.committee.name,
        "outcome": decision.get_outcome_display(),
    }
    return Step(_day(decision.meeting.starts_at), label, decision.motion)


def _action_step(action: FollowUpAction) -> Step:
    if action.status == ActionStatus.DONE:
        return Step(_day(action.done_at), _("Done: %(action)s") % {"action": action.title})
    return Step(action.due_on, _("To do by this day: %(action)s") % {"action": action.title}, done=False)


def _percent(need: Need, done: int, total: int) -> int:
    if need.status == NeedStatus.DONE:
        return 100
    return round(100 * done / total) if total else 0


def _in_order(steps: list[Step]) -> list[Step]:
    """By day; steps done before those still to do on the same day, else in the cycle's order (a stable sort)."""
    return sorted(steps, key=lambda step: (step.on, not step.done))


# --- staff and chairs -----------------------------------------------------------------------


def committee_list(*, user) -> QuerySet[Committee]:
    """The bodies a person may run: in their staff scope, or chaired by them."""
    return (
        permissions.visible(user, Committee.objects.all(), Action.MANAGE)
        .select_related("street", "community", "courtyard")
        .annotate(member_count=Count("memberships", filter=Q(memberships__ended_on__isnull=True), distinct=True))
        .order_by("street__code", "community__code", "kind", "name")
    )


def committee_to_run(*, user, code: str) -> Committee:
    return permissions.get_or_404(user, Committee.objects.select_related("street", "community", "courtyard"), Action.MANAGE, code=code)


def units_of_body(*, committee: Committee) -> QuerySet[Unit]:
    """The units a member of a building group may stand for: those of its building (none for other bodies)."""
    if committee.building_id is None:
        return Unit.objects.none()
    return labelled(Unit.objects.filter(building_id=committee.building_id).order_by("code"))


def bodies_to_represent(*, committee: Committee) -> list:
    """What a member of the street federation may represent: the street's other active bodies, then its associations."""
    if committee.kind != CommitteeKind.FEDERATION:
        return []
    # The associations app sits above this one: its model is reached through the membership's link, never imported.
    association_model = Membership._meta.get_field("represents_association").related_model
    street = {"street_id": committee.street_id, "is_active": True}
    bodies = Committee.objects.filter(**street).exclude(pk=committee.pk).order_by("community_id", "kind", "name")
    return [*bodies, *association_model.objects.filter(**street).order_by("community_id", "name")]


def meeting_to_run(*, user, code) -> Meeting:
    """A meeting, if `user` may run its body; else 404."""
    meeting = Meeting.objects.select_related("committee__community", "committee__street").filter(code=code).first()
    if meeting is None or not permissions.can(user, Action.MANAGE, meeting.committee):
        raise Http404
    return meeting


def membership_to_run(*, user, pk: int) -> Membership:
    membership = Membership.objects.select_related("committee", "user").filter(pk=pk).first()
    if membership is None or not permissions.can(user, Action.MANAGE, membership.committee):
        raise Http404
    return membership


def action_to_run(*, user, pk: int) -> FollowUpAction:
    action = FollowUpAction.objects.select_related("meeting__committee").filter(pk=pk).first()
    if action is None or not permissions.can(user, Action.MANAGE, action.meeting.committee):
        raise Http404
    return action


def meetings_of(*, committee: Committee) -> QuerySet[Meeting]:
    return Meeting.objects.filter(committee=committee).annotate(decision_count=Count("decisions")).order_by("-starts_at")


def meeting_record(*, meeting: Meeting) -> dict:
    """Everything a meeting page and its PDF show, in a fixed number of queries."""
    return {
        "agenda": list(meeting.agenda_items.select_related("need")),
        "attendances": list(meeting.attendances.select_related("membership__user").order_by("membership__role", "pk")),
        "decisions": list(meeting.decisions.select_related("need").prefetch_related("votes__membership__user")),
        "actions": list(FollowUpAction.objects.filter(meeting=meeting).select_related("owner__user", "decision")),
    }


def members_present(*, meeting: Meeting) -> QuerySet[Membership]:
    """The members recorded as present: the roll call of the meeting's decisions."""
    return Membership.objects.filter(attendances__meeting=meeting, attendances__present=True).select_related("user").order_by("role", "pk")


def need_queue(*, user) -> QuerySet[Need]:
    return with_support(permissions.visible(user, Need.objects.select_related("community", "committee"), Action.MANAGE)).order_by(
        "status", "-created_at"
    )


def need_to_manage(*, user, code) -> Need:
    return permissions.get_or_404(user, Need.objects.all(), Action.MANAGE, code=code)


def needs_open_for_agenda(*, committee: Committee) -> QuerySet[Need]:
    """Needs of the body's place still waiting for deliberation."""
    needs = Need.objects.filter(status__in=[NeedStatus.RAISED, NeedStatus.ON_AGENDA])
    if committee.courtyard_id:
        return needs.filter(courtyard_id=committee.courtyard_id)
    if committee.community_id:
        return needs.filter(community_id=committee.community_id)
    return needs.filter(street_id=committee.street_id)


# --- figures for dashboards and reports ----------------------------------------------------


def _under(node, prefix: str = "") -> Q:
    """Rows under a district, street, community or courtyard, by that level's denormalised key."""
    return Q(**{f"{prefix}{node.level}_id": node.pk})


def node_counts(*, node, start: datetime, end: datetime) -> dict:
    """Active bodies and their current members under `node`; meetings held and decisions taken in [start, end): one query."""
    return scalars.counts(**node_count_querysets(node=node, start=start, end=end))


def node_count_querysets(*, node, start: datetime, end: datetime) -> dict[str, QuerySet]:
    """What node_counts counts, for a caller that counts them together with other apps' rows in one round trip."""
    held = Meeting.objects.filter(_under(node, "committee__"), status=MeetingStatus.HELD, starts_at__gte=start, starts_at__lt=end)
    return {
        "committees": Committee.objects.filter(_under(node), is_active=True).values("pk"),
        "members": Membership.objects.filter(_under(node, "committee__"), committee__is_active=True, ended_on__isnull=True).values("pk"),
        "meetings": held.values("pk"),
        "decisions": Decision.objects.filter(meeting__in=held.values("pk")).values("pk"),
    }


def specialised_committees_under(*, node) -> QuerySet[Committee]:
    """The active specialised committees 专委会 under `node` (the seed: six in 华林社区)."""
    return Committee.objects.filter(_under(node), kind=CommitteeKind.SPECIALISED, is_active=True)


def meetings_held(*, node, start: datetime, end: datetime) -> QuerySet[Meeting]:
    """Meetings held under `node` in [start, end), for monthly trends."""
    return Meeting.objects.filter(_under(node, "committee__"), status=MeetingStatus.HELD, starts_at__gte=start, starts_at__lt=end)


# --- bodies as owners of requests ------------------------------------------------------------


def committee_for_topic(*, community, topic: str) -> Committee | None:
    """The community's active specialised committee of `topic` (公共环境委员会 ...), if it has one."""
    return Committee.objects.filter(community=community, kind=CommitteeKind.SPECIALISED, topic=topic, is_active=True).order_by("pk").first()


def courtyard_group(*, courtyard) -> Committee | None:
    """The courtyard's active self-governance group, if it has one."""
    return Committee.objects.filter(courtyard=courtyard, kind=CommitteeKind.COURTYARD_GROUP, is_active=True).order_by("pk").first()


# Who handles the requests a body owns: its chair and vice-chair, and members given the handling role, in a current term.
HANDLING = Q(role__in=[MemberRole.CHAIR, MemberRole.VICE_CHAIR]) | Q(handles_requests=True)


def committees_handled_by(user) -> QuerySet[Committee]:
    """Bodies whose requests `user` handles (registered with the permission module)."""
    held = Membership.objects.filter(CURRENT, HANDLING, user_id=user.pk).values("committee_id")
    owning = [CommitteeKind.SPECIALISED, CommitteeKind.COURTYARD_GROUP]  # a council or federation owns no requests
    return Committee.objects.filter(pk__in=held, is_active=True, kind__in=owning)


def committee_handler_ids(*, committee_id: int) -> QuerySet:
    """The user ids of the people who handle the requests of this body."""
    return Membership.objects.filter(CURRENT, HANDLING, committee_id=committee_id).values("user_id")


def owning_bodies(*, community_id: int) -> QuerySet[Committee]:
    """The bodies of a community that may own requests: its specialised committees and its courtyards' groups."""
    kinds = [CommitteeKind.SPECIALISED, CommitteeKind.COURTYARD_GROUP]
    return Committee.objects.filter(community_id=community_id, kind__in=kinds, is_active=True).order_by("kind", "name")


def needs_to_support(*, community, limit: int = 5) -> QuerySet[Need]:
    """The community's needs still to be deliberated (raised or on an agenda): those a resident's support can still move."""
    needs = Need.objects.filter(community=community, status__in=[NeedStatus.RAISED, NeedStatus.ON_AGENDA]).select_related("committee")
    return with_support(needs).order_by("-created_at")[:limit]
