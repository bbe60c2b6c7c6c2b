"""Training of grid and social workers: courses, their sessions, who attended, and certificates held.

Courses and certificates hang on the tree at the district or a street (the office that runs or
records them) with the usual denormalised keys and ``tree_paths``; sessions and attendance follow
their course by a join. A person always sees their own attendance and certificates (``owner_path``).
"""

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import CertificateKind, CourseKind

TREE_PATHS = {"district": "district_id", "street": "street_id"}


def _node(model: str, name: str, *, null: bool = False):
    return models.ForeignKey(f"courtyards.{model}", models.PROTECT, null=null, blank=null, related_name="+", verbose_name=_(name))


def _hours(name: str, **options):
    return models.DecimalField(_(name), max_digits=5, decimal_places=1, **options)


class Course(models.Model):
    """A training course run by the district or a street office, e.g. 网格员业务培训 or a 社工职业资格 class."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=100)
    provider = models.CharField(_("provider"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=CourseKind.choices)
    hours = _hours("hours")
    description = models.TextField(_("description"), blank=True)
    street = _node("Street", "street", null=True)
    district = _node("District", "district")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    tree_paths = TREE_PATHS

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["street", "-created_at"], name="course_street_recent")]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="course_hours_positive")]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    """One sitting of a course: when, where, who taught it, how many hours it gave."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(Course, models.CASCADE, related_name="sessions", verbose_name=_("course"))
    starts_at = models.DateTimeField(_("starts at"))
    hours = _hours("hours")
    place = models.CharField(_("place"), max_length=100)
    trainer = models.CharField(_("trainer"), max_length=100)

    tree_paths = {level: f"course__{path}" for level, path in TREE_PATHS.items()}

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0, hours__lte=24), name="session_hours_within_a_day")]

    def __str__(self) -> str:
        return f"{self.course} · {self.starts_at:%Y-%m-%d}"


class Attendance(models.Model):
    """A person at a session: the hours they attended (0: absent) and whether they passed its test, if any."""

    session = models.ForeignKey(Session, models.CASCADE, related_name="attendance", verbose_name=_("training session"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="training_attendance", verbose_name=_("person"))
    hours = _hours("attended hours")
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    tree_paths = {level: f"session__course__{path}" for level, path in TREE_PATHS.items()}
    owner_path = "person_id"

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        indexes = [models.Index(fields=["person", "session"], name="attendance_by_person")]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="attendance_once_per_session"),
            models.CheckConstraint(condition=Q(hours__gte=0, hours__lte=24), name="attendance_hours_within_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.session} · {self.hours}"


class Certificate(models.Model):
    """A certificate a person holds (助理社会工作师, 社会工作师 ...), as recorded by the district or a street office."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="certificates", verbose_name=_("person"))
    kind = models.CharField(_("kind"), max_length=30, choices=CertificateKind.choices)
    number = models.CharField(_("certificate number"), max_length=50)
    issued_on = models.DateField(_("issued on"))
    issuer = models.CharField(_("issuer"), max_length=100)
    course = models.ForeignKey(Course, models.SET_NULL, null=True, blank=True, related_name="certificates", verbose_name=_("course"))
    street = _node("Street", "street", null=True)
    district = _node("District", "district")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    tree_paths = TREE_PATHS
    owner_path = "person_id"

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        indexes = [models.Index(fields=["person", "kind"], name="certificate_by_person")]
        constraints = [models.UniqueConstraint(fields=["kind", "number"], name="certificate_number_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


for _model in (Course, Session, Attendance, Certificate):
    auditlog.register(_model)
