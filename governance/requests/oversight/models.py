"""督办: a street or district officer tells the owner to act and asks for a written reply by a date; 回访: the call back.

Imported by governance/requests/models.py so Django registers it under the requests app.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import CallbackReason, CallbackStatus, Satisfaction


class Supervision(models.Model):
    """督办: an instruction from the street office (or the district) to the request's owner, with a required reply date."""

    request = models.ForeignKey("requests.Request", models.CASCADE, related_name="supervisions", verbose_name=_("request"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("supervised by"))
    instruction = models.TextField(_("instruction"), max_length=2000)
    reply_due_on = models.DateField(_("reply due on"))
    reply = models.TextField(_("reply"), max_length=2000, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("replied by")
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    community = models.ForeignKey("courtyards.Community", models.PROTECT, related_name="+", verbose_name=_("community"))
    street = models.ForeignKey("courtyards.Street", models.PROTECT, related_name="+", verbose_name=_("street"))
    district = models.ForeignKey("courtyards.District", models.PROTECT, related_name="+", verbose_name=_("district"))

    tree_paths = {"district": "district_id", "street": "street_id", "community": "community_id"}

    class Meta:
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["street", "reply_due_on"], condition=Q(replied_at__isnull=True), name="supervision_awaiting")]
        constraints = [
            # one 督办 awaiting its reply per request at a time
            models.UniqueConstraint(fields=["request"], condition=Q(replied_at__isnull=True), name="supervision_one_awaiting"),
        ]

    def __str__(self) -> str:
        return f"{self.request.number} 督办 {self.reply_due_on}"


class Callback(models.Model):
    """回访: community staff call the resident of a closed request and record whether they reached them and what they said."""

    MAX_ATTEMPTS = 3  # calls not answered before the callback is given up

    request = models.ForeignKey("requests.Request", models.CASCADE, related_name="callbacks", verbose_name=_("request"))
    reason = models.CharField(_("reason"), max_length=12, choices=CallbackReason.choices, default=CallbackReason.SAMPLED)
    status = models.CharField(_("status"), max_length=10, choices=CallbackStatus.choices, default=CallbackStatus.OPEN)
    attempts = models.PositiveSmallIntegerField(_("calls made"), default=0)
    reached = models.BooleanField(_("resident reached"), null=True, blank=True)
    satisfaction = models.CharField(_("satisfaction"), max_length=12, choices=Satisfaction.choices, blank=True)
    outcome = models.TextField(_("note"), blank=True, max_length=1000)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    community = models.ForeignKey("courtyards.Community", models.PROTECT, related_name="+", verbose_name=_("community"))
    street = models.ForeignKey("courtyards.Street", models.PROTECT, related_name="+", verbose_name=_("street"))
    district = models.ForeignKey("courtyards.District", models.PROTECT, related_name="+", verbose_name=_("district"))

    tree_paths = {"district": "district_id", "street": "street_id", "community": "community_id"}

    class Meta:
        verbose_name = _("callback")
        verbose_name_plural = _("callbacks")
        indexes = [
            models.Index(fields=["community", "status"], name="callback_queue"),
            models.Index(fields=["request", "-done_at"], condition=Q(reached=True), name="callback_reached"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(reached=True) | Q(satisfaction=""), name="callback_satisfaction_only_if_reached"),
        ]

    def __str__(self) -> str:
        return f"{self.request.number} {self.get_status_display()}"
