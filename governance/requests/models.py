"""Requests 诉求 and what hangs on them.

A request hangs on the tree at the most precise place the resident gave (unit, building,
courtyard or community) and carries the ancestor keys down to its community, so every
"requests under this node" is one indexed filter. Its owner is a body at one level of the
tree (a courtyard group, a committee or the community itself, the street, the district):
routing sets it, escalation moves it one level up.
"""

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from governance.accounts.choices import FIELD_ROLES, HOTLINE_ROLES, STAFF_ROLES
from governance.accounts.permissions import Action
from governance.core import stored_text

from . import timeline
from .choices import OPEN_STATUSES, CommitteeType, EventKind, OwnerBody, Source, Status
from .dispatch.models import Department, DepartmentHandler, DepartmentKind, DispatchState, RequestCoHandler
from .hotline.models import Caller
from .oversight.models import Supervision

__all__ = ["ApiKey", "Callback", "Department", "DepartmentHandler", "FeedFollow", "RequestCoHandler"]  # registered with the app from here

TREE_PATHS = {
    "district": "district_id",
    "street": "street_id",
    "community": "community_id",
    "courtyard": "courtyard_id",
    "grid": "grid_id",
}


# What rendering Request.owner_name reads: join these, and list these columns in an only().
OWNER_JOINS = ("owner_committee", "owner_department", "community", "street", "district")
OWNER_NAME_FIELDS = ("owner_body", "owner_committee__name", "owner_department__name", "community__name", "street__name", "district__name")


class Category(models.Model):
    """A kind of request, with the body that owns it and its deadlines. Its code is the Open311 service_code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60)
    description = models.CharField(_("description"), max_length=300, blank=True)
    owner_body = models.CharField(_("owning body"), max_length=20, choices=OwnerBody.choices, default=OwnerBody.COMMUNITY)
    committee_type = models.CharField(_("committee"), max_length=30, choices=CommitteeType.choices, blank=True)
    department_kind = models.CharField(_("department"), max_length=30, choices=DepartmentKind.choices, blank=True)
    accept_hours = models.PositiveIntegerField(_("hours to accept"), default=24)
    resolve_hours = models.PositiveIntegerField(_("hours to resolve"), default=24 * 7)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True, help_text=_("Words that suggest this category."))
    callback_share = models.PositiveSmallIntegerField(
        _("callback share (%)"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of closed requests that get a callback 回访 (low ratings always do)."),
    )
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)  # Open311 services' Last-Modified

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return category_name(self.name_zh, self.name_en)


def category_name(name_zh: str, name_en: str) -> str:
    """A category's name in the reader's language (lists that read the two columns use it without a model)."""
    return (name_en if (get_language() or "").startswith("en") else "") or name_zh


class RoutingRule(models.Model):
    """Category x place -> owning body. The most specific matching rule wins: community, then street, then anywhere."""

    category = models.ForeignKey(Category, models.CASCADE, related_name="rules", verbose_name=_("category"))
    street = models.ForeignKey("courtyards.Street", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("street"))
    community = models.ForeignKey(
        "courtyards.Community", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("community")
    )
    owner_body = models.CharField(_("owning body"), max_length=20, choices=OwnerBody.choices)
    committee_type = models.CharField(_("committee"), max_length=30, choices=CommitteeType.choices, blank=True)
    department_kind = models.CharField(_("department"), max_length=30, choices=DepartmentKind.choices, blank=True)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        indexes = [models.Index(fields=["category", "community", "street"], name="routing_lookup")]

    def __str__(self) -> str:
        place = self.community or self.street or _("anywhere")
        return f"{self.category} · {place} → {self.get_owner_body_display()}"


# Sorted: a frozenset's order changes between runs, and the index conditions must compile the same every time.
SUBMITTED_ONLY = Q(status="submitted")
IN_HAND = Q(status__in=sorted(s.value for s in OPEN_STATUSES if s != Status.SUBMITTED))
PUBLIC_FEED = Q(public=True) & ~Q(status="merged")
NODE_DATES = {"created": "created_at", "accept": "accept_due_at", "resolve": "resolve_due_at", "closed": "closed_at"}


def _node_date_indexes() -> list[models.Index]:
    return [
        models.Index(
            fields=[level, column], name=f"request_{level}_{short}", condition=Q(closed_at__isnull=False) if short == "closed" else None
        )
        for level in ("district", "street", "community")
        for short, column in NODE_DATES.items()
    ]


def _open_backlog_indexes() -> list[models.Index]:
    """An open request is late against its accept deadline while submitted, against its resolve deadline after (overdue_q)."""
    return [
        index
        for level in ("street", "community")
        for index in (
            models.Index(fields=[level, "accept_due_at"], condition=SUBMITTED_ONLY, name=f"request_{level}_open_accept"),
            models.Index(fields=[level, "resolve_due_at"], condition=IN_HAND, name=f"request_{level}_open_resolve"),
        )
    ]


class Request(models.Model):
    """诉求: one resident's request, from submission to closing."""

    number = models.CharField(_("tracking number"), max_length=20, unique=True, editable=False)
    # Who it answers to: a resident's account or, for a hotline caller without one, a caller record (never neither).
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="requests", verbose_name=_("resident")
    )
    caller = models.ForeignKey("requests.Caller", models.PROTECT, null=True, blank=True, related_name="requests", verbose_name=_("caller"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("filed by operator")
    )
    category = models.ForeignKey(Category, models.PROTECT, related_name="requests", verbose_name=_("category"))
    title = models.CharField(_("title"), max_length=100)
    text = models.TextField(_("description"), max_length=2000)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.WEB)
    public = models.BooleanField(_("show in the public feed"), default=True)
    photos_public = models.BooleanField(_("show photos publicly"), default=False)
    reporter_public = models.BooleanField(_("show my name publicly"), default=False)
    # Where: the most precise node given, plus its ancestors.
    unit = models.ForeignKey("courtyards.Unit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit"))
    building = models.ForeignKey("courtyards.Building", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("building"))
    courtyard = models.ForeignKey(
        "courtyards.Courtyard", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("courtyard")
    )
    community = models.ForeignKey("courtyards.Community", models.PROTECT, related_name="+", verbose_name=_("community"))
    street = models.ForeignKey("courtyards.Street", models.PROTECT, related_name="+", verbose_name=_("street"))
    district = models.ForeignKey("courtyards.District", models.PROTECT, related_name="+", verbose_name=_("district"))
    # 网格: the grid of its place (none above a courtyard), kept true by node_move and grid_coverage_set.
    grid = models.ForeignKey("courtyards.Grid", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("grid"))
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    address_text = models.CharField(_("address as given"), max_length=200, blank=True)
    # The answers to the category's service attributes, code -> value (a list for a multivaluelist).
    attributes = models.JSONField(_("service attributes"), default=dict, blank=True)
    # Who owns it: a body at one level of the tree.
    # Who owns it: the kind of body, and the body itself. A committee or courtyard group is owner_committee,
    # a department owner_department; the community, street or district is the request's own node of that level.
    owner_body = models.CharField(_("owning body"), max_length=20, choices=OwnerBody.choices)
    committee_type = models.CharField(_("committee"), max_length=30, choices=CommitteeType.choices, blank=True)
    owner_committee = models.ForeignKey(
        "committees.Committee", models.PROTECT, null=True, blank=True, related_name="requests_owned", verbose_name=_("owning committee")
    )
    owner_department = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="requests_owned", verbose_name=_("owning department")
    )
    # The owner's name when it was last routed, for exports and the admin; pages render owner_name from the rows.
    owner_label = models.CharField(pgettext_lazy("unit", "owner"), max_length=120)
    dispatch_state = models.CharField(_("between units"), max_length=20, choices=DispatchState.choices, blank=True, default="")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="assigned_requests", verbose_name=_("assignee")
    )
    escalations = models.PositiveSmallIntegerField(_("escalations"), default=0)
    supervised = models.BooleanField(_("under supervision"), default=False)
    supervised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("supervised by")
    )
    merged_into = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="merged", verbose_name=_("merged into"))
    # Links to self-governance: the council need a cluster of requests became, the covenant that settled it,
    # the follow-up actions of a meeting that carry it out.
    need = models.ForeignKey(
        "committees.Need", models.SET_NULL, null=True, blank=True, related_name="requests", verbose_name=_("council need")
    )
    covenant = models.ForeignKey(
        "courtyards.Covenant", models.SET_NULL, null=True, blank=True, related_name="requests", verbose_name=_("settled by covenant")
    )
    follow_up_actions = models.ManyToManyField(
        "committees.FollowUpAction", blank=True, related_name="requests", verbose_name=_("follow-up actions")
    )
    # Deadlines are timestamps. accept_due_at / resolve_due_at are the judged deadlines (the original ones,
    # plus approved extensions and paused time): escalation never moves them, so lateness is never erased.
    # The owner_* deadlines are the working deadlines of the current owner: escalation resets them, and the
    # beat sweep compares them with now, so a request escalates once per level (see docs/requests.md).
    # 派单: when the request reached an owner who can act. Routed at submission it is the submission; one that
    # waits in the dispatcher's queue has none until dispatched, and its deadlines start then (docs/requests.md).
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    accept_due_at = models.DateTimeField(_("accept by"))
    resolve_due_at = models.DateTimeField(_("resolve by"))
    owner_accept_due_at = models.DateTimeField(_("current owner accepts by"))
    owner_resolve_due_at = models.DateTimeField(_("current owner resolves by"))
    # 超时预警: when the owner's staff are warned before each working deadline; cleared once sent.
    accept_warn_at = models.DateTimeField(_("warn before the accept deadline at"), null=True, blank=True)
    resolve_warn_at = models.DateTimeField(_("warn before the resolve deadline at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_comment = models.CharField(_("rating comment"), max_length=500, blank=True)
    support_count = models.PositiveIntegerField(_("supporters"), default=0)
    # Kept by services.event_record (and the photo attach) so the Open311 list reads them from the row,
    # not from a subquery per row: the last public staff note (status_notes) and the first photo (media_url).
    public_note = models.TextField(_("last public note"), blank=True, max_length=2000, editable=False)
    public_note_at = models.DateTimeField(_("last public note at"), null=True, blank=True, editable=False)
    first_photo_code = models.UUIDField(_("first photo"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    tree_paths = TREE_PATHS
    owner_path = "resident_id"
    access_roles = {Action.VIEW: STAFF_ROLES | FIELD_ROLES | HOTLINE_ROLES}  # an operator sees the requests of their area
    body_paths = {"committee": "owner_committee_id", "department": "owner_department_id"}
    # 协办: the co-handling units' people see the request (and add notes, workflow.rules.may_note), no more.
    shared_with = ("cohandlers", {"committee": "committee_id", "department": "department_id"}, {"ended_at__isnull": True})

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["community", "status", "-created_at"], name="request_community_queue"),
            models.Index(fields=["grid", "status", "-created_at"], condition=Q(grid__isnull=False), name="request_grid_queue"),
            models.Index(fields=["street", "status", "-created_at"], name="request_street_queue"),
            models.Index(fields=["status", "accept_due_at"], name="request_accept_due"),
            models.Index(fields=["status", "resolve_due_at"], name="request_resolve_due"),
            models.Index(fields=["status", "owner_accept_due_at"], name="request_owner_accept_due"),
            models.Index(fields=["status", "owner_resolve_due_at"], name="request_owner_resolve_due"),
            models.Index(fields=["status", "accept_warn_at"], name="request_accept_warn"),
            models.Index(fields=["status", "resolve_warn_at"], name="request_resolve_warn"),
            models.Index(fields=["category", "community", "status"], name="request_similar"),
            models.Index(fields=["assignee", "status"], name="request_assignee"),
            models.Index(fields=["resident", "-created_at"], name="request_mine"),
            models.Index(fields=["owner_committee", "status"], name="request_owner_committee"),
            models.Index(fields=["owner_department", "status"], name="request_owner_department"),
            # The few supervised requests, for the queue's "under supervision" filter and reports.
            models.Index(fields=["street", "-created_at"], condition=Q(supervised=True), name="request_supervised"),
            # Aggregates of a node over a period (dashboards, reports, public statistics): each pairs the tree key
            # with the date its figure filters, so a 12-month figure reads 12 months, not the node's whole history.
            *_node_date_indexes(),
            # The open backlog by node and due date (the overdue filter, deadline warnings): only open rows are indexed.
            *_open_backlog_indexes(),
            # The public feed of a community or courtyard, newest first: only the rows the feed may show.
            models.Index(fields=["community", "-created_at", "-id"], condition=PUBLIC_FEED, name="request_public_community"),
            models.Index(fields=["courtyard", "-created_at", "-id"], condition=PUBLIC_FEED, name="request_public_courtyard"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="request_rating_1_to_5"),
            models.CheckConstraint(condition=Q(resident__isnull=False) | Q(caller__isnull=False), name="request_resident_or_caller"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def owner_node(self):
        """The row that owns the request now: a committee, a department, or the community, street or district."""
        if self.owner_department_id:
            return self.owner_department
        if self.owner_committee_id:
            return self.owner_committee
        return {OwnerBody.STREET: self.street, OwnerBody.DISTRICT: self.district}.get(self.owner_body, self.community)

    @property
    def owner_name(self) -> str:
        """The owner's name as residents read it, from the owning row (never stale text)."""
        return self.owner_node.name


def photo_path(instance, filename: str) -> str:
    return f"requests/{instance.request.created_at:%Y/%m}/{uuid.uuid4().hex}.jpg"


class RequestPhoto(models.Model):
    """An image attached to a request: checked by content, re-encoded without EXIF, served only to those who may see it."""

    request = models.ForeignKey(Request, models.CASCADE, related_name="photos", verbose_name=_("request"))
    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    image = models.FileField(_("image"), upload_to=photo_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.request.number} #{self.pk}"


class TimelineEvent(models.Model):
    """One change of a request: who, when, from, to, note. Public events feed the Open311 status_notes."""

    request = models.ForeignKey(Request, models.CASCADE, related_name="events", verbose_name=_("request"))
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by"))
    from_status = models.CharField(pgettext_lazy("status", "from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    # The portal's own words about the change, as a msgid and raw parameters (governance.core.stored_text),
    # rendered in each reader's language; `note` holds only what a person wrote (and, on rows from before, both).
    message = models.JSONField(_("message"), default=dict, blank=True)
    public = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)
    # The committee or department the request left (退单, 转办, 协办 ended) and came to (submitted, 派单, 转办,
    # 协办 added), so the reports count each unit's moves in the database.
    from_committee = models.ForeignKey(
        "committees.Committee", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("from committee")
    )
    from_department = models.ForeignKey(
        Department, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("from department")
    )
    to_committee = models.ForeignKey(
        "committees.Committee", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("to committee")
    )
    to_department = models.ForeignKey(Department, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("to department"))

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["request", "created_at"], name="timeline_of_request")]

    def __str__(self) -> str:
        return f"{self.request.number} {self.get_kind_display()}"

    @property
    def text(self) -> str:
        """What the event says in the reader's language: the portal's message, then the person's note."""
        return stored_text.render([self.message, self.note])

    @property
    def headline(self) -> str:
        """The line as a sentence ("新鸿社区已受理"), in the reader's language."""
        return timeline.headline(self)

    @property
    def body(self) -> str:
        """What the line says below its sentence: the portal's further words, then the person's note."""
        return timeline.body(self)


class Support(models.Model):
    """+1: a resident adds their voice to a public request instead of filing a duplicate."""

    request = models.ForeignKey(Request, models.CASCADE, related_name="supports", verbose_name=_("request"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("resident"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["request", "user"], name="support_once")]

    def __str__(self) -> str:
        return f"{self.request.number} +1"


class ResponseTemplate(models.Model):
    """A prepared answer staff pick when changing a request's status."""

    title = models.CharField(_("title (Chinese)"), max_length=60)
    text = models.TextField(_("text (Chinese)"), max_length=1000)
    title_en = models.CharField(_("title (English)"), max_length=60, blank=True)
    text_en = models.TextField(_("text (English)"), max_length=1000, blank=True)
    category = models.ForeignKey(Category, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("category"))
    street = models.ForeignKey("courtyards.Street", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("street"))

    class Meta:
        verbose_name = _("response template")
        verbose_name_plural = _("response templates")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.shown_title

    @property
    def shown_title(self) -> str:
        """The title in the reader's language; the Chinese one where no English was written."""
        return (self.title_en if _english() else "") or self.title

    @property
    def shown_text(self) -> str:
        return (self.text_en if _english() else "") or self.text


def _english() -> bool:
    return (get_language() or "").startswith("en")


from .clock.models import RequestExtension, RequestPause  # noqa: E402  (registered with this app)
from .open311.models import ApiKey, CategoryAttribute  # noqa: E402
from .oversight.models import Callback  # noqa: E402
from .public.models import FeedFollow  # noqa: E402

for _model in (
    Caller,
    Category,
    RoutingRule,
    Request,
    ResponseTemplate,
    Callback,
    Supervision,
    ApiKey,
    CategoryAttribute,
    RequestPause,
    RequestExtension,
):
    auditlog.register(_model)
