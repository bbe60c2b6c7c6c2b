"""Rows of the clock: pauses 挂起 and extensions 延期申请 (imported by governance/requests/models.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RequestPause(models.Model):
    """挂起: the clock of a request stops while its handlers wait for the resident; it runs on when resumed."""

    request = models.ForeignKey("requests.Request", models.CASCADE, related_name="pauses", verbose_name=_("request"))
    reason = models.CharField(_("reason"), max_length=500)
    started_at = models.DateTimeField(_("paused at"))
    ended_at = models.DateTimeField(_("resumed at"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("by"))

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request"], condition=Q(ended_at__isnull=True), name="request_pause_one_open"),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.started_at:%Y-%m-%d %H:%M}"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class RequestExtension(models.Model):
    """延期申请: the owner asks the level above for more time; only an approval moves the deadlines."""

    request = models.ForeignKey("requests.Request", models.CASCADE, related_name="extensions", verbose_name=_("request"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("asked by"))
    reason = models.CharField(_("reason"), max_length=500)
    hours = models.PositiveIntegerField(_("extra hours"))
    status = models.CharField(_("status"), max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id} +{self.hours} h"
