from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """In-app notifications, also sent by e-mail and SMS, recorded before they are sent."""

    name = "governance.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
