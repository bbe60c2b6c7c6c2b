from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    """Residents' requests 诉求: submitted, routed, handled, escalated, closed; and Open311."""

    name = "governance.requests"
    label = "requests"
    verbose_name = _("Requests")

    def ready(self) -> None:
        from . import public_sections, public_services  # noqa: F401 - registers the feed notification kind

        public_sections.register()
