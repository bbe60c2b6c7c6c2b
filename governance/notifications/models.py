from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import kinds
from .choices import DeliveryStatus, Timing


class Notification(models.Model):
    """One message to one person. Written with its cause, delivered afterwards, shown once delivered."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications", verbose_name=_("recipient"))
    kind = models.CharField(_("kind"), max_length=60)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    # Identifies the cause, so that one cause never notifies the same person twice.
    key = models.CharField(_("key"), max_length=200, unique=True)
    send_email = models.BooleanField(_("also by e-mail"), default=False)
    send_sms = models.BooleanField(_("also by SMS"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    last_error = models.TextField(_("last error"), blank=True)
    email_sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)
    sms_sent_at = models.DateTimeField(_("SMS sent at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    owner_path = "recipient_id"
    owner_actions = {"view", "manage"}
    tree_paths: dict[str, str] = {}

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due"),
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return kinds.render(self.kind, self.params)[0]

    @property
    def body(self) -> str:
        return kinds.render(self.kind, self.params)[1]


class ChannelPreference(models.Model):
    """通知方式: how one person takes one kind of notification besides the portal, where it always shows.

    No row: the sender's default holds. E-mail needs an address on the account, SMS a mobile number.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="channel_preferences", verbose_name=_("person"))
    kind = models.CharField(_("kind"), max_length=60)
    email = models.BooleanField(_("by e-mail"), default=True)
    sms = models.BooleanField(_("by SMS"), default=False)
    timing = models.CharField(_("when"), max_length=10, choices=Timing.choices, default=Timing.AT_ONCE)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    owner_path = "user_id"
    owner_actions = {"view", "manage"}
    tree_paths: dict[str, str] = {}

    class Meta:
        verbose_name = _("notification channel choice")
        verbose_name_plural = _("notification channel choices")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="channel_preference_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind}"
