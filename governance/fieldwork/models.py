"""Grid work 网格工作: a grid worker's patrols 巡查, household visits 入户走访 and events found on them.

Every row copies the tree keys of its place and its grid (set by the services from the place, kept
true by `node_move` and `grid_coverage_set` through the tree registry), so "the patrols of this grid"
or "of this community" is one indexed filter, and the permission module scopes them by `tree_paths`.
"""

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import PatrolCheck, VisitPurpose

TREE_PATHS = {"district": "district_id", "street": "street_id", "community": "community_id", "grid": "grid_id"}
TREE_PATHS_COURTYARD = {**TREE_PATHS, "courtyard": "courtyard_id"}


def _node(model: str, name: str, *, null: bool = False):
    return models.ForeignKey(f"courtyards.{model}", models.PROTECT, null=null, blank=null, related_name="+", verbose_name=_(name))


def _grid(*, null: bool = True):
    # A row keeps its history when a grid is dissolved: the key goes, the row stays in its community.
    return models.ForeignKey("courtyards.Grid", models.SET_NULL, null=null, blank=null, related_name="+", verbose_name=_("grid"))


class Patrol(models.Model):
    """巡查: one walk of a grid worker through courtyards of the grid, with what was checked."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    # Generated into the phone's draft; a resubmitted draft finds the patrol it already made.
    idempotency_key = models.UUIDField(_("submission key"), unique=True, editable=False)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="patrols", verbose_name=_("grid worker"))
    grid = _grid()
    community = _node("Community", "community")
    street = _node("Street", "street")
    district = _node("District", "district")
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"))
    # The PatrolCheck codes looked at (a list; `services.patrol_log` keeps out unknown codes).
    checks = models.JSONField(_("checks"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    # [[lat, lon, iso time], ...] taken by the phone during the walk, when the worker asked for it.
    route = models.JSONField(_("route"), default=list, blank=True)
    courtyards = models.ManyToManyField("courtyards.Courtyard", through="PatrolCourtyard", related_name="+", verbose_name=_("courtyards"))
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    tree_paths = TREE_PATHS
    owner_path = "worker_id"

    class Meta:
        verbose_name = _("patrol")
        verbose_name_plural = _("patrols")
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["grid", "-started_at"], name="patrol_grid_time"),
            models.Index(fields=["community", "-started_at"], name="patrol_community_time"),
            models.Index(fields=["worker", "-started_at"], name="patrol_worker_time"),
        ]
        constraints = [models.CheckConstraint(condition=Q(ended_at__gte=models.F("started_at")), name="patrol_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.worker} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def check_labels(self) -> list[str]:
        labels = dict(PatrolCheck.choices)
        return [labels[code] for code in self.checks if code in labels]


class PatrolCourtyard(models.Model):
    """A courtyard a patrol covered; it copies the courtyard's keys (and grid) for "last patrolled" per place."""

    patrol = models.ForeignKey(Patrol, models.CASCADE, related_name="covered", verbose_name=_("patrol"))
    courtyard = _node("Courtyard", "courtyard")
    community = _node("Community", "community")
    street = _node("Street", "street")
    district = _node("District", "district")
    grid = _grid()

    tree_paths = TREE_PATHS_COURTYARD

    class Meta:
        verbose_name = _("courtyard patrolled")
        verbose_name_plural = _("courtyards patrolled")
        constraints = [models.UniqueConstraint(fields=["patrol", "courtyard"], name="patrol_courtyard_once")]
        indexes = [models.Index(fields=["courtyard", "patrol"], name="patrol_courtyard_lookup")]

    def __str__(self) -> str:
        return f"{self.patrol} · {self.courtyard}"


def photo_path(instance, filename: str) -> str:
    return f"fieldwork/patrols/{instance.patrol.code}/{uuid.uuid4().hex}.jpg"


class PatrolPhoto(models.Model):
    """A photo taken on a patrol, re-encoded without EXIF (and GPS); served only through a scoped view."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    patrol = models.ForeignKey(Patrol, models.CASCADE, related_name="photos", verbose_name=_("patrol"))
    image = models.FileField(_("photo"), upload_to=photo_path)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("patrol photo")
        verbose_name_plural = _("patrol photos")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.patrol} · {self.code}"


class Visit(models.Model):
    """入户走访: a grid worker's call at a household, why, what was found and what follows."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    idempotency_key = models.UUIDField(_("submission key"), unique=True, editable=False)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="visits", verbose_name=_("grid worker"))
    household = models.ForeignKey("courtyards.Household", models.PROTECT, related_name="visits", verbose_name=_("household"))
    courtyard = _node("Courtyard", "courtyard")
    community = _node("Community", "community")
    street = _node("Street", "street")
    district = _node("District", "district")
    grid = _grid()
    visited_at = models.DateTimeField(_("visited at"))
    purpose = models.CharField(pgettext_lazy("visit", "purpose"), max_length=20, choices=VisitPurpose.choices, default=VisitPurpose.ROUTINE)
    findings = models.TextField(_("findings"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    tree_paths = TREE_PATHS_COURTYARD
    owner_path = "worker_id"

    class Meta:
        verbose_name = _("household visit")
        verbose_name_plural = _("household visits")
        ordering = ["-visited_at"]
        indexes = [
            models.Index(fields=["grid", "-visited_at"], name="visit_grid_time"),
            models.Index(fields=["community", "-visited_at"], name="visit_community_time"),
            models.Index(fields=["worker", "-visited_at"], name="visit_worker_time"),
            models.Index(fields=["household", "-visited_at"], name="visit_household_time"),
        ]

    def __str__(self) -> str:
        return f"{self.household} · {self.visited_at:%Y-%m-%d}"


class FieldEvent(models.Model):
    """事件: something found on a patrol or a visit, solved on the spot 就地解决 or filed as a request."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    # Generated into the phone's form: a resubmitted event finds the request it already became.
    idempotency_key = models.UUIDField(_("submission key"), null=True, blank=True, unique=True, editable=False)
    patrol = models.ForeignKey(Patrol, models.CASCADE, null=True, blank=True, related_name="events", verbose_name=_("patrol"))
    visit = models.ForeignKey(Visit, models.CASCADE, null=True, blank=True, related_name="events", verbose_name=_("visit"))
    request = models.ForeignKey(
        "requests.Request", models.PROTECT, null=True, blank=True, related_name="field_events", verbose_name=_("request")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PatrolCheck.choices, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="field_events", verbose_name=_("reported by")
    )
    resolved_on_spot = models.BooleanField(_("resolved on the spot"), default=False)
    note = models.TextField(_("note"), blank=True)
    courtyard = _node("Courtyard", "courtyard", null=True)
    community = _node("Community", "community")
    street = _node("Street", "street")
    district = _node("District", "district")
    grid = _grid()
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)

    tree_paths = TREE_PATHS_COURTYARD
    owner_path = "reported_by_id"

    class Meta:
        verbose_name = _("field event")
        verbose_name_plural = _("field events")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["grid", "-created_at"], name="fieldevent_grid_time"),
            models.Index(fields=["community", "-created_at"], name="fieldevent_community_time"),
        ]
        constraints = [models.CheckConstraint(condition=Q(patrol__isnull=True) | Q(visit__isnull=True), name="fieldevent_one_origin")]

    def __str__(self) -> str:
        return self.note[:40] or str(self.code)


for _model in (Patrol, PatrolCourtyard, PatrolPhoto, Visit, FieldEvent):
    auditlog.register(_model)
