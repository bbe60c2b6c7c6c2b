"""Sign-in lockout counts against the account, whichever login string named it.

A person may sign in by username or by mobile number. django-axes counts failures per
login string, so five wrong passwords by username used to leave the phone number open.
Here every login string is resolved to the account's username before axes counts it, and
two limits apply (docs/security.md, "Accounts"):

* the account from one address: ``AXES_FAILURE_LIMIT`` (5) failures lock it for that address;
* the account from everywhere: ``ACCOUNT_LOCKOUT_FAILURE_LIMIT`` (20) failures lock it for all,
  which stops guessing spread over many addresses. It is higher on purpose: anyone who knows a
  phone number can pause that account, and 20 makes that a deliberate act, not a typo storm.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

from . import selectors


def account_username(request, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username of the account a login string names (else the string itself)."""
    login = (credentials or {}).get("username") if credentials else _posted_login(request)
    if not login:
        return login
    user = selectors.user_by_login(login=login)
    return user.username if user else login


def _posted_login(request) -> str | None:
    data = getattr(request, "data", None) or getattr(request, "POST", {})
    return data.get("username")


class AccountLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler plus the account-wide limit over every address."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        return super().is_locked(request, credentials) or self._account_locked(request, credentials)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and self._account_locked(request, credentials):
            request.axes_locked_out = True
            request.axes_credentials = credentials

    def _account_locked(self, request, credentials: dict | None) -> bool:
        username = get_client_username(request, credentials)
        if not username:
            return False
        recent = AccessAttempt.objects.filter(username=username, attempt_time__gte=get_cool_off_threshold(request))
        failures = recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
        return failures >= settings.ACCOUNT_LOCKOUT_FAILURE_LIMIT
