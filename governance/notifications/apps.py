from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """In-app notifications, also sent by e-mail and SMS, recorded before they are sent."""

    name = "governance.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from governance.accounts.personal_data import register_personal_data
        from governance.core.navigation import register_link
        from governance.core.observability import register_gauge

        from . import personal_data, selectors

        register_personal_data(key="notifications", export=personal_data.export, erase=personal_data.erase)
        register_personal_data(key="notification_channels", export=personal_data.channels_export, erase=personal_data.channels_erase)
        register_link(area="profile", label=_("Notification channels"), url_name="notifications:preferences", order=10)
        register_gauge(
            name="notifications_oldest_pending_seconds",
            help="Age of the oldest notification not yet delivered",
            read=selectors.oldest_pending_age_seconds,
        )
