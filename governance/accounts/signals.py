"""Sign-ins, failed sign-ins and lockouts become security events (Django's and django-axes' own signals)."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from . import services
from .choices import SecurityEventKind, SecurityEventResult


@receiver(user_logged_in, dispatch_uid="security_event_login")
def _logged_in(sender, request, user, **kwargs):
    services.security_event_record(kind=SecurityEventKind.LOGIN_SUCCEEDED, actor=user, obj=user, request=request)


@receiver(user_login_failed, dispatch_uid="security_event_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the name typed in is kept (masked if it is a phone), never the password Django already hid.
    services.security_event_record(
        kind=SecurityEventKind.LOGIN_FAILED, request=request, result=SecurityEventResult.FAILURE, detail=_login_name(credentials)
    )


@receiver(user_locked_out, dispatch_uid="security_event_locked_out")
def _locked_out(sender, request, username=None, **kwargs):
    services.security_event_record(
        kind=SecurityEventKind.LOCKED_OUT, request=request, result=SecurityEventResult.DENIED, detail=str(username or "")[:150]
    )


def _login_name(credentials: dict) -> str:
    return str(credentials.get("username") or credentials.get("phone") or "")[:150]
