from contextvars import ContextVar

from django.conf import settings
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
