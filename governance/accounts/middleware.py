"""Staff sessions end after 30 idle minutes and 12 hours in all (等保 2.0 8.1.4.1; ASVS 3.3.2)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from .permissions import has_staff_powers

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"
# Writing the session on every request costs a query; a minute's precision is enough for a 30-minute limit.
LAST_SEEN_RESOLUTION = 60


def session_stamp_at_login(sender, request, user, **kwargs) -> None:
    """user_logged_in: the clock of both limits starts at sign-in, and the first request writes nothing."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = request.session[LAST_SEEN] = now


def staff_session_expired(session, now: float) -> bool:
    signed_in_at, last_seen = session.get(SIGNED_IN_AT), session.get(LAST_SEEN)
    if signed_in_at is None or last_seen is None:
        return False
    return now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS or now - signed_in_at > settings.STAFF_SESSION_MAX_SECONDS


class StaffSessionTimeoutMiddleware:
    """Records when a person signed in and was last seen; signs staff out past either limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = time.time()
        if request.user.is_authenticated and has_staff_powers(request.user) and staff_session_expired(request.session, now):
            return self._sign_out(request)
        response = self.get_response(request)
        if request.user.is_authenticated:
            self._stamp(request.session, now)
        return response

    @staticmethod
    def _stamp(session, now: float) -> None:
        session.setdefault(SIGNED_IN_AT, now)  # a session from before this middleware existed
        if now - session.get(LAST_SEEN, 0) >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN] = now

    def _sign_out(self, request):
        logout(request)
        if request.path.startswith("/api/"):
            return self.get_response(request)  # the API answers as to anyone signed out
        messages.info(request, _("You were signed out after a period without activity. Please sign in again."))
        return redirect_to_login(request.get_full_path())
