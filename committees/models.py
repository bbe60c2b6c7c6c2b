"""Self-governance bodies on the tree, their members, meetings and decisions, and the council cycle of needs.

A body carries denormalised ancestor keys (district, street, and community / courtyard /
building where it sits lower), set by ``committee_create``. The rows below a body
(memberships, meetings, decisions, actions) are few per body, so they reach the tree
through the body (``committee__street_id``) instead of copying the keys again.
A needs list is the high-volume read, so needs carry their own keys.
"""

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import (
    ORGANISATION_SEATS,
    ActionStatus,
    CommitteeKind,
    CommitteeTopic,
    CouncilSeat,
    DecisionRule,
    MeetingStatus,
    MemberRole,
    NeedStatus,
    Outcome,
    QuorumRule,
    VoteChoice,
)

_BODY_PATHS = {
    "district": "committee__district_id",
    "street": "committee__street_id",
    "community": "committee__community_id",
    "courtyard": "committee__courtyard_id",
}


class Committee(models.Model):
    """A self-governance body: 专委会, 议事会, 院落/楼栋自治小组 or 街道居民自治联合会."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=CommitteeKind.choices)
    topic = models.CharField(_("topic"), max_length=30, choices=CommitteeTopic.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    district = models.ForeignKey("courtyards.District", models.PROTECT, related_name="+", verbose_name=_("district"))
    street = models.ForeignKey("courtyards.Street", models.PROTECT, related_name="+", verbose_name=_("street"))
    community = models.ForeignKey(
        "courtyards.Community", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("community")
    )
    courtyard = models.ForeignKey(
        "courtyards.Courtyard", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("courtyard")
    )
    building = models.ForeignKey("courtyards.Building", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("building"))
    decision_rule = models.CharField(_("decision rule"), max_length=20, choices=DecisionRule.choices, default=DecisionRule.MAJORITY_PRESENT)
    quorum_rule = models.CharField(_("quorum"), max_length=20, choices=QuorumRule.choices, default=QuorumRule.MORE_THAN_HALF)
    quorum_count = models.PositiveSmallIntegerField(
        _("members required present"), null=True, blank=True, help_text=_("Only for a fixed number of members.")
    )

    tree_paths = {"district": "district_id", "street": "street_id", "community": "community_id", "courtyard": "courtyard_id"}
    object_grants = True  # a chair runs their own body: a guardian grant made by membership_appoint

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["kind", "name"]
        permissions = [("manage_committee", _("Run this committee"))]
        indexes = [models.Index(fields=["community", "is_active", "kind"], name="committee_community")]
        constraints = [models.UniqueConstraint(fields=["street", "community", "courtyard", "name"], name="committee_unique_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.quorum_rule == QuorumRule.FIXED and not self.quorum_count:
            raise ValidationError({"quorum_count": _("Give the number of members who must be present.")})


class Membership(models.Model):
    """A seat on a body for a term. Ending the term keeps the row: the body's history."""

    committee = models.ForeignKey(Committee, models.CASCADE, related_name="memberships", verbose_name=_("committee"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="committee_memberships", verbose_name=_("member"))
    role = models.CharField(pgettext_lazy("member", "role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    seat = models.CharField(_("council seat"), max_length=30, choices=CouncilSeat.choices, blank=True)
    # A seat of an outside body (物业企业, 集体经济组织) is the organisation's; the member is its representative.
    organisation = models.CharField(_("organisation represented"), max_length=100, blank=True)
    started_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends as planned"), null=True, blank=True)
    ended_on = models.DateField(_("term ended"), null=True, blank=True)
    # The chair and vice-chair handle the requests their body owns; a member does when given this role.
    handles_requests = models.BooleanField(_("handles requests"), default=False)
    # 楼栋有自治小组，单元有自治小组成员: a building group's member stands for one unit of its building.
    unit = models.ForeignKey("courtyards.Unit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit"))
    # A street federation's member represents a body or an association of the street. The association is a string
    # reference (that app sits above this one, as the tree sits above accounts): never imported here.
    represents_committee = models.ForeignKey(
        "Committee", models.SET_NULL, null=True, blank=True, related_name="representatives", verbose_name=_("represents body")
    )
    represents_association = models.ForeignKey(
        "associations.Association",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="federation_representatives",
        verbose_name=_("represents association"),
    )

    tree_paths = _BODY_PATHS

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["ended_on", "role", "started_on"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "user"], condition=Q(ended_on__isnull=True), name="membership_one_current"),
            models.CheckConstraint(
                condition=Q(represents_committee__isnull=True) | Q(represents_association__isnull=True), name="membership_represents_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.committee}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    def clean(self) -> None:
        if self.seat and self.committee.kind != CommitteeKind.COUNCIL:
            raise ValidationError({"seat": _("Only a “1+6” council has seats.")})
        if self.organisation and not self.seat:
            raise ValidationError({"organisation": _("An organisation is represented on a council seat: choose the seat.")})
        if self.seat in ORGANISATION_SEATS and not self.organisation:
            raise ValidationError({"organisation": _("Name the organisation this member represents on the seat.")})


class Meeting(models.Model):
    """A meeting of a body: scheduled, then recorded in the room (attendance, minutes, decisions)."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    committee = models.ForeignKey(Committee, models.CASCADE, related_name="meetings", verbose_name=_("committee"))
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    minutes = models.TextField(_("minutes"), blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )

    tree_paths = _BODY_PATHS

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [
            models.Index(fields=["committee", "-starts_at"], name="meeting_of_body"),
            models.Index(fields=["starts_at"], condition=Q(reminded_at__isnull=True, status="scheduled"), name="meeting_to_remind"),
        ]

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="agenda_items", verbose_name=_("meeting"))
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("item"), max_length=200)
    need = models.ForeignKey("Need", models.SET_NULL, null=True, blank=True, related_name="agenda_items", verbose_name=_("need"))

    tree_paths = {level: path.replace("committee__", "meeting__committee__") for level, path in _BODY_PATHS.items()}

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="attendances", verbose_name=_("meeting"))
    membership = models.ForeignKey(Membership, models.CASCADE, related_name="attendances", verbose_name=_("member"))
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["meeting", "membership"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.membership_id} @ {self.meeting_id}"


class Decision(models.Model):
    """A motion put to the vote, with the counts and the outcome.

    The room is recorded with it (members, present, quorum, rule), because attendance may change
    later in the meeting and the body may change its rule: the outcome stays checkable as taken.
    Those are empty only on decisions recorded before votes were counted.
    """

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="decisions", verbose_name=_("meeting"))
    motion = models.CharField(_("motion"), max_length=300)
    votes_for = models.PositiveIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveIntegerField(_("votes against"), default=0)
    votes_abstaining = models.PositiveIntegerField(_("abstentions"), default=0)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    need = models.ForeignKey("Need", models.SET_NULL, null=True, blank=True, related_name="decisions", verbose_name=_("need"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    members_total = models.PositiveIntegerField(_("members"), null=True, blank=True)
    members_present = models.PositiveIntegerField(_("members present"), null=True, blank=True)
    quorum = models.PositiveIntegerField(_("quorum"), null=True, blank=True)
    rule = models.CharField(_("decision rule"), max_length=20, choices=DecisionRule.choices, blank=True)

    tree_paths = {level: path.replace("committee__", "meeting__committee__") for level, path in _BODY_PATHS.items()}

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(members_present__isnull=True)
                | Q(members_present__gte=F("votes_for") + F("votes_against") + F("votes_abstaining")),
                name="decision_votes_within_present",
                violation_error_message=_("The votes cannot be more than the members present."),
            ),
            models.CheckConstraint(
                condition=Q(quorum__isnull=True) | Q(members_present__gte=F("quorum")),
                name="decision_with_quorum",
                violation_error_message=_("Without a quorum the body cannot decide."),
            ),
        ]

    def __str__(self) -> str:
        return self.motion


class Vote(models.Model):
    """One member's vote in a roll call 记名表决; the decision's totals are counted from these."""

    decision = models.ForeignKey(Decision, models.CASCADE, related_name="votes", verbose_name=_("decision"))
    membership = models.ForeignKey(Membership, models.PROTECT, related_name="votes", verbose_name=_("member"))
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["decision", "membership"], name="vote_once")]

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.choice}"


class FollowUpAction(models.Model):
    """What a meeting asked someone to do, by when."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="actions", verbose_name=_("meeting"))
    decision = models.ForeignKey(Decision, models.SET_NULL, null=True, blank=True, related_name="actions", verbose_name=_("decision"))
    title = models.CharField(_("action"), max_length=200)
    owner = models.ForeignKey(Membership, models.PROTECT, related_name="actions", verbose_name=_("owner"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    tree_paths = {level: path.replace("committee__", "meeting__committee__") for level, path in _BODY_PATHS.items()}

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on"]
        indexes = [models.Index(fields=["status", "due_on"], name="action_due")]

    def __str__(self) -> str:
        return self.title


class Need(models.Model):
    """需求: raised by a resident, supported by others, put on a council's agenda, decided, carried out (落实) with a result."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"))
    status = models.CharField(_("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.RAISED)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="needs", verbose_name=_("raised by"))
    committee = models.ForeignKey(Committee, models.SET_NULL, null=True, blank=True, related_name="needs", verbose_name=_("council"))
    created_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    done_at = models.DateTimeField(_("carried out at"), null=True, blank=True)
    # What was done, as the residents read it on the need's page and in their notifications.
    result = models.TextField(_("result"), blank=True)
    district = models.ForeignKey("courtyards.District", models.PROTECT, related_name="+", verbose_name=_("district"))
    street = models.ForeignKey("courtyards.Street", models.PROTECT, related_name="+", verbose_name=_("street"))
    community = models.ForeignKey("courtyards.Community", models.PROTECT, related_name="+", verbose_name=_("community"))
    courtyard = models.ForeignKey(
        "courtyards.Courtyard", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("courtyard")
    )

    tree_paths = {"district": "district_id", "street": "street_id", "community": "community_id", "courtyard": "courtyard_id"}
    owner_path = "raised_by_id"

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["community", "status", "-created_at"], name="need_queue")]

    def __str__(self) -> str:
        return self.title


class NeedSupport(models.Model):
    """One resident's support of a need: once each, enforced by the database."""

    need = models.ForeignKey(Need, models.CASCADE, related_name="supports", verbose_name=_("need"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="need_supports", verbose_name=_("resident"))
    created_at = models.DateTimeField(_("supported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["need", "user"], name="need_support_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.need_id}"


for _model in (Committee, Membership, Meeting, Decision, Vote, FollowUpAction, Need):
    auditlog.register(_model)
