import os
from contextvars import ContextVar

from django.conf import settings
from django.db import connection
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese unless the person chose otherwise (the language cookie set by the switcher).

    Django's own middleware follows the browser's Accept-Language, which would show English to
    a resident whose phone happens to be set to English; here the portal's language is a choice.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class BrowserPolicyMiddleware:
    """Permissions-Policy on every answer, and `Cache-Control: no-store` on every answer that may carry personal data.

    The rule for no-store is deliberately coarse, so no view can forget it: every answer to a
    signed-in person (a session, or an API token: DRF sets `request.user` for those), every answer to a
    request that sent credentials, every answer to a write, and everything under /admin/. What stays cacheable is what an
    anonymous visitor gets: the public pages and feed, and static files (whitenoise answers those
    before a user is known).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", permissions_policy_header(settings.PERMISSIONS_POLICY))
        if carries_personal_data(request):
            response.headers["Cache-Control"] = "private, no-store"
        return response


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """{"camera": ["self"], "microphone": []} -> 'camera=(self), microphone=()'."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


def carries_personal_data(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    if request.method not in {"GET", "HEAD"}:
        return True  # the answer to a write (a sign-in handing out a token, a form with its errors) is never cached
    return "HTTP_AUTHORIZATION" in request.META or request.path_info.startswith("/admin/")


_current_request: ContextVar = ContextVar("current_request", default=None)


class CurrentRequestMiddleware:
    """Keeps the request at hand for code deep below a view (a refused lookup in the permission
    module) that records a security event and needs the caller's address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_request():
    return _current_request.get()


LOOPBACK = frozenset({"127.0.0.1", "::1"})


class BenchHeadersMiddleware:
    """X-Queries (SQL statements this request ran) and X-Worker (the serving process) for bench/load.py.

    Installed only when BENCH_HEADERS=true, first in the stack so it counts what every other
    middleware runs too; without DEBUG Django keeps no query log, hence the execute wrapper.
    The headers go only to a client on this machine: a setting left on in production tells nobody
    outside the process ids and query counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("REMOTE_ADDR") not in LOOPBACK:
            return self.get_response(request)
        counter = _QueryCounter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response.headers["X-Queries"] = str(counter.count)
        response.headers["X-Worker"] = str(os.getpid())
        return response


class _QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)
