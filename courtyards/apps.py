from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CourtyardsConfig(AppConfig):
    """The territory tree, district > street > community > courtyard > building > unit, and what hangs on a place."""

    name = "courtyards"
    verbose_name = _("Territory")
