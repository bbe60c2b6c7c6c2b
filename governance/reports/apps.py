from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Dashboards, report jobs (XLSX and PDF), exports and open data: what happened, at every level of the tree."""

    name = "governance.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from courtyards.tree_registry import register_tree_model

        from .models import ReportJob, ReportSubscription

        register_tree_model(ReportJob)
        register_tree_model(ReportSubscription)
        from . import registry

        registry.register_all()
        from governance.core.observability import register_gauge

        from .selectors import oldest_unfinished_job_age_seconds

        register_gauge(
            name="report_jobs_oldest_unfinished_seconds",
            help="Age of the oldest report job queued or running",
            read=oldest_unfinished_job_age_seconds,
        )
        from governance.notifications.channels import offer

        offer("reports.done", label=_("A report I asked for or subscribe to is ready"), group=_("Reports"), staff=True)
