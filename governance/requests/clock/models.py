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
