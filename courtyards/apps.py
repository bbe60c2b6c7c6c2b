from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CourtyardsConfig(AppConfig):
    """The territory tree, district > street > community > courtyard > building > unit, and what hangs on a place."""

    name = "courtyards"
    verbose_name = _("Territory")

    def ready(self) -> None:
        from governance.accounts.personal_data import register_personal_data

        from . import personal_data

        register_personal_data(key="home_claims", export=personal_data.export, erase=personal_data.erase)
