"""Which language a person is written to.

The portal's pages follow the language cookie (`core.middleware.ChineseFirstLocaleMiddleware`); what
reaches a person elsewhere (e-mail, SMS, the API with a token, which sends no cookie) follows the
language they last chose while signed in, else the portal's default, Chinese.
"""

from django.conf import settings

SUPPORTED = frozenset(code for code, _name in settings.LANGUAGES)


def language_of(user) -> str:
    chosen = getattr(user, "language", "")
    return chosen if chosen in SUPPORTED else settings.LANGUAGE_CODE


def reader_language(request) -> str:
    """The language of an answer to `request`: the cookie's choice when it sent one, else its user's."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in SUPPORTED:
        return chosen
    user = getattr(request, "user", None)
    return language_of(user) if user is not None and user.is_authenticated else settings.LANGUAGE_CODE
