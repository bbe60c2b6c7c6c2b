"""Report jobs and subscriptions.

A job is about one node (district, street or community) and carries the node's ancestor
keys, so the permission module scopes it like any row on the tree: whoever may see the
node may see its reports and download their files. Its `key` makes asking twice for the
same report of the same node and period (by the same person, or by the monthly beat) one job.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import JobStatus, NodeLevel, PeriodKind


def report_path(instance, filename: str) -> str:
    return f"reports/{instance.start:%Y/%m}/{instance.pk}/{filename}"


class ReportJob(models.Model):
    level = models.CharField(_("level"), max_length=20, choices=NodeLevel.choices)
    district = models.ForeignKey("courtyards.District", models.CASCADE, related_name="+", verbose_name=_("district"))
    street = models.ForeignKey("courtyards.Street", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("street"))
    community = models.ForeignKey(
        "courtyards.Community", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("community")
    )
    period_kind = models.CharField(_("period"), max_length=20, choices=PeriodKind.choices, default=PeriodKind.MONTHLY)
    start = models.DateField(_("from"))
    end = models.DateField(_("to (inclusive)"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("requested by")
    )
    key = models.CharField(max_length=200, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    xlsx = models.FileField(_("workbook"), upload_to=report_path, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=report_path, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last progress at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    tree_paths = {"district": "district_id", "street": "street_id", "community": "community_id"}

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="report_job_sweep"),
            models.Index(fields=["street", "-created_at"], name="report_job_street"),
            models.Index(fields=["community", "-created_at"], name="report_job_community"),
            models.Index(fields=["district", "-created_at"], name="report_job_district"),
        ]
        constraints = [models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_job_progress_max_100")]

    def __str__(self) -> str:
        return f"{self.node} {self.start}–{self.end}"

    @property
    def node(self):
        return getattr(self, self.level)

    @property
    def node_id(self) -> int:
        return getattr(self, f"{self.level}_id")


class ReportSubscription(models.Model):
    """A staff member who wants each monthly report of a street when it is ready."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("user"))
    street = models.ForeignKey("courtyards.Street", models.CASCADE, related_name="+", verbose_name=_("street"))
    district = models.ForeignKey("courtyards.District", models.CASCADE, related_name="+", verbose_name=_("district"))
    created_at = models.DateTimeField(auto_now_add=True)

    tree_paths = {"district": "district_id", "street": "street_id"}
    owner_path = "user_id"

    class Meta:
        verbose_name = _("report subscription")
        verbose_name_plural = _("report subscriptions")
        constraints = [models.UniqueConstraint(fields=["user", "street"], name="report_subscription_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.street}"
