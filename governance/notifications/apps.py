from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """In-app notifications, also sent by e-mail and SMS, recorded before they are sent."""

    name = "governance.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from governance.accounts.personal_data import register_personal_data

        from . import personal_data

        register_personal_data(key="notifications", export=personal_data.export, erase=personal_data.erase)
