from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class Timing(models.TextChoices):
    """When a kind that offers a digest reaches the person: each one as it happens, or one a day."""

    AT_ONCE = "at_once", _("At once")
    DAILY = "daily", _("Daily digest")
