from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Dashboards, report jobs (XLSX and PDF), exports and open data: what happened, at every level of the tree."""

    name = "governance.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from . import registry

        registry.register_all()
