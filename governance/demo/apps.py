from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo district of the seed report, loaded by `manage.py seed_demo`."""

    name = "governance.demo"
    label = "demo"
    verbose_name = _("Demo data")
