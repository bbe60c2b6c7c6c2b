from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People, their roles on the territory tree, and the one permission module."""

    default = True
    name = "governance.accounts"
    label = "accounts"
    verbose_name = _("People and roles")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import signals  # noqa: F401 - connects the security-event receivers
        from .middleware import session_stamp_at_login

        user_logged_in.connect(session_stamp_at_login, dispatch_uid="accounts.session_stamp_at_login")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin on a site that asks staff for their second factor (governance/accounts/admin_site.py)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "governance.accounts.admin_site.PortalAdminSite"
