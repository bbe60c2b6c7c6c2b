"""The public side's rows: who follows a community's feed. Imported by governance/requests/models.py so Django
registers it under the requests app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedFollow(models.Model):
    """A resident follows a community's public feed and is told of new public requests there."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("resident"))
    community = models.ForeignKey("courtyards.Community", models.CASCADE, related_name="+", verbose_name=_("community"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("followed feed")
        verbose_name_plural = _("followed feeds")
        constraints = [models.UniqueConstraint(fields=["user", "community"], name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.community}"
