from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared plumbing with no models: SMS backends, masking, dispatch, template tags."""

    name = "governance.core"
    label = "core"
    verbose_name = _("Core")
