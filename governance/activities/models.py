"""Field work: service activities, who took part, special families helped, funded projects.

Rows that hang on the tree carry denormalised ancestor keys (``district``, ``street``,
``community``, ``courtyard``) set by the services from the place, and ``tree_paths`` for the
permission module. Organisers are this app's small ``Organiser`` rows, each linked to the
association, committee or alliance enterprise it stands for (or to none: the community itself,
or an organiser typed in by hand before the bodies existed).
"""

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .choices import Category, FamilyReason, HelperKind, HoursStatus, OrganiserKind, ProjectKind, SignupStatus

TREE_PATHS = {"district": "district_id", "street": "street_id", "community": "community_id"}
TREE_PATHS_COURTYARD = {**TREE_PATHS, "courtyard": "courtyard_id"}


def _node(model: str, name: str, *, null: bool = False):
    return models.ForeignKey(
        f"courtyards.{model}", models.PROTECT, null=null, blank=null, related_name="+", verbose_name=_(name), db_index=True
    )


class ActivityType(models.Model):
    """A kind of activity (义诊, 志愿服务, 调解, ...), editable; `category` is what reports count it as."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=50, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=50, blank=True)
    category = models.CharField(_("counts as"), max_length=20, choices=Category.choices, default=Category.OTHER)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language; the Chinese one where no English was written."""
        return (self.name_en if (get_language() or "").startswith("en") else "") or self.name


def _body(model: str, name: str):
    """A link to the body an organiser stands for; one organiser per body."""
    return models.OneToOneField(model, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_(name))


def _one_body_of_its_kind() -> Q:
    """No body, or exactly the one `kind` names."""
    links = ("association", "committee", "enterprise")
    q = Q(**{f"{link}__isnull": True for link in links})
    for kind in links:
        q |= Q(kind=kind, **{f"{link}__isnull": link != kind for link in links})
    return q


class Organiser(models.Model):
    """Who runs an activity or a project: an association, a committee, an enterprise or the community itself.

    At most one of `association`, `committee`, `enterprise` is set, the one `kind` names
    (`services.organiser_for` keeps name, code and tree keys in step with the body); an
    unlinked row is the community itself or an organiser typed in by hand.
    """

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganiserKind.choices)
    code = models.SlugField(_("code of the body"), max_length=60, blank=True)
    association = _body("associations.Association", "association")
    committee = _body("committees.Committee", "committee")
    enterprise = _body("associations.Enterprise", "enterprise")
    community = _node("Community", "community", null=True)
    street = _node("Street", "street")
    district = _node("District", "district")

    tree_paths = TREE_PATHS

    class Meta:
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["name"]
        constraints = [
            # Bodies of one street may share a name (two courtyards' councils); only hand-typed ones may not.
            models.UniqueConstraint(
                fields=["street", "name"],
                condition=Q(association__isnull=True, committee__isnull=True, enterprise__isnull=True),
                name="organiser_unique_name",
            ),
            models.CheckConstraint(condition=_one_body_of_its_kind(), name="organiser_body_matches_kind"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def body(self):
        return self.association or self.committee or self.enterprise


class ServiceStation(models.Model):
    """连心驿站: a place in a community that hosts activities."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    courtyard = _node("Courtyard", "courtyard", null=True)
    community = _node("Community", "community")
    street = _node("Street", "street")
    district = _node("District", "district")

    tree_paths = TREE_PATHS_COURTYARD

    class Meta:
        verbose_name = _("service station")
        verbose_name_plural = _("service stations")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """A funded project: a government-purchased service or a 公益创投 venture grant, with targets."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    funder = models.CharField(_("funder"), max_length=100)
    budget = models.DecimalField(_("budget (yuan)"), max_digits=12, decimal_places=2)
    organiser = models.ForeignKey(Organiser, models.PROTECT, related_name="projects", verbose_name=_("run by"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    target_person_times = models.PositiveIntegerField(_("target person-times"), default=0)
    target_events = models.PositiveIntegerField(_("target events"), default=0)
    community = _node("Community", "community", null=True)
    street = _node("Street", "street")
    district = _node("District", "district")

    tree_paths = TREE_PATHS

    class Meta:
        verbose_name = _("funded project")
        verbose_name_plural = _("funded projects")
        ordering = ["-starts_on", "code"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="project_period_in_order")]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """A service activity logged by a social or grid worker: what, when, where, for how many."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    # Generated into the log form; a resubmitted form finds the activity it already created.
    idempotency_key = models.UUIDField(_("submission key"), unique=True, editable=False)
    type = models.ForeignKey(ActivityType, models.PROTECT, related_name="activities", verbose_name=_("type"))
    title = models.CharField(_("title"), max_length=100, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    station = models.ForeignKey(ServiceStation, models.PROTECT, null=True, blank=True, related_name="activities", verbose_name=_("station"))
    courtyard = _node("Courtyard", "courtyard", null=True)
    community = _node("Community", "community")
    street = _node("Street", "street")
    district = _node("District", "district")
    grid = models.ForeignKey("courtyards.Grid", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("grid"))
    organiser = models.ForeignKey(Organiser, models.PROTECT, null=True, blank=True, related_name="activities", verbose_name=_("organiser"))
    project = models.ForeignKey(Project, models.PROTECT, null=True, blank=True, related_name="activities", verbose_name=_("project"))
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="logged_activities", verbose_name=_("logged by"))
    headcount = models.PositiveIntegerField(_("headcount"), default=0)
    person_times = models.PositiveIntegerField(_("person-times served"), default=0)
    capacity = models.PositiveIntegerField(_("places for sign-up"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    tree_paths = {**TREE_PATHS_COURTYARD, "grid": "grid_id"}
    owner_path = "logged_by_id"

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_at"]
        indexes = [
            models.Index(fields=["community", "-starts_at"], name="activity_community_time"),
            models.Index(fields=["street", "-starts_at"], name="activity_street_time"),
            models.Index(fields=["logged_by", "-created_at"], name="activity_author_recent"),
        ]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="activity_ends_after_start")]

    def __str__(self) -> str:
        return self.title or self.type.label

    @property
    def place_name(self) -> str:
        return self.station.name if self.station_id else (self.courtyard.name if self.courtyard_id else self.community.name)


class Signup(models.Model):
    """A resident's sign-up to an activity with places; cancelled sign-ups free the place."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="signups", verbose_name=_("activity"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="activity_signups", verbose_name=_("resident"))
    status = models.CharField(_("status"), max_length=20, choices=SignupStatus.choices, default=SignupStatus.REGISTERED)
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [models.UniqueConstraint(fields=["activity", "user"], name="signup_once_per_activity")]

    def __str__(self) -> str:
        return f"{self.user} → {self.activity}"


class VolunteerHours(models.Model):
    """Hours a volunteer gave at an activity; they count once approved."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="volunteer_hours", verbose_name=_("activity"))
    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="volunteer_hours", verbose_name=_("volunteer"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    status = models.CharField(_("status"), max_length=20, choices=HoursStatus.choices, default=HoursStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer hours")
        verbose_name_plural = _("volunteer hours")
        indexes = [models.Index(fields=["volunteer", "status"], name="hours_by_volunteer")]
        constraints = [
            models.UniqueConstraint(fields=["activity", "volunteer"], name="hours_once_per_activity"),
            models.CheckConstraint(condition=Q(hours__gt=0, hours__lte=24), name="hours_within_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} · {self.activity} · {self.hours}"


def photo_path(instance, filename: str) -> str:
    return f"activities/{instance.activity.code}/{uuid.uuid4().hex}.jpg"


class ActivityPhoto(models.Model):
    """A photo of an activity, re-encoded without EXIF; served only through a scoped view."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    activity = models.ForeignKey(Activity, models.CASCADE, related_name="photos", verbose_name=_("activity"))
    image = models.FileField(_("photo"), upload_to=photo_path)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.activity} · {self.code}"


class SpecialFamily(models.Model):
    """特殊家庭: a restricted case file. Only its social worker and staff granted it see it.

    The plain tree role is not enough (`access_roles` grants nothing): the assigned worker
    (owner) and django-guardian grants given by `special_family_grant` are the only ways in.
    """

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    head_name = models.CharField(_("head of household"), max_length=50)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    household = models.ForeignKey(
        "courtyards.Household", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("household")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=FamilyReason.choices)
    needs = models.TextField(_("needs"), blank=True)
    assigned_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="special_families", verbose_name=_("assigned social worker")
    )
    courtyard = _node("Courtyard", "courtyard", null=True)
    community = _node("Community", "community")
    street = _node("Street", "street")
    district = _node("District", "district")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    tree_paths = TREE_PATHS_COURTYARD
    owner_path = "assigned_worker_id"
    owner_actions = frozenset({"view", "manage"})
    access_roles = {"view": frozenset(), "manage": frozenset(), "field": frozenset(), "verify": frozenset()}
    object_grants = True

    class Meta:
        verbose_name = _("special family")
        verbose_name_plural = _("special families")
        ordering = ["community", "created_at"]
        permissions = [("manage_specialfamily", _("Can manage a special family's case file"))]

    def __str__(self) -> str:
        return self.head_name


class HelpRecord(models.Model):
    """Help given to a special family, usually at an activity (it is then one of its beneficiaries)."""

    family = models.ForeignKey(SpecialFamily, models.CASCADE, related_name="help", verbose_name=_("family"))
    activity = models.ForeignKey(Activity, models.SET_NULL, null=True, blank=True, related_name="help", verbose_name=_("activity"))
    given_on = models.DateField(_("given on"))
    description = models.CharField(_("help given"), max_length=200)
    # Rows from before this field were the community's own help (its workers, its station).
    helper_kind = models.CharField(_("given by"), max_length=20, choices=HelperKind.choices, default=HelperKind.COMMUNITY)
    community = _node("Community", "community")
    street = _node("Street", "street")
    district = _node("District", "district")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by"))

    class Meta:
        verbose_name = _("help given")
        verbose_name_plural = _("help given")
        ordering = ["-given_on"]
        indexes = [models.Index(fields=["community", "given_on"], name="help_community_day")]

    def __str__(self) -> str:
        return self.description


class CaseNote(models.Model):
    """A restricted note on a special family's case."""

    family = models.ForeignKey(SpecialFamily, models.CASCADE, related_name="notes", verbose_name=_("family"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("author"))
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d}"


for _model in (ActivityType, Organiser, ServiceStation, Project, Activity, Signup, VolunteerHours, ActivityPhoto, HelpRecord, CaseNote):
    auditlog.register(_model)
# The audit trail is read more widely than the case file: keep the family's name and phone out of it.
auditlog.register(SpecialFamily, mask_fields=["head_name", "phone"])
