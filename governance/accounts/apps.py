from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People, their roles on the territory tree, and the one permission module."""

    name = "governance.accounts"
    label = "accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the security-event receivers
