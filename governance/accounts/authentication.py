"""How API callers are recognised: browser sessions that passed the second factor, and expiring tokens."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import AuthenticationFailed

from . import second_factor, selectors


class VerifiedSessionAuthentication(SessionAuthentication):
    """A staff member's browser session opens the API only after the second factor, as the staff pages do."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and second_factor.pending(request._request):
            raise AuthenticationFailed(_("Enter the code from your authenticator app first."))
        return result


class VerifiedSessionScheme(SessionScheme):
    """The schema describes it as the session cookie it is."""

    target_class = "governance.accounts.authentication.VerifiedSessionAuthentication"


class TokenRejected(exceptions.APIException):
    """401 with `WWW-Authenticate: Token`. DRF would turn AuthenticationFailed into a 403 because the
    session authenticator comes first; a client must be able to tell "sign in again" from "forbidden"."""

    status_code = 401
    default_detail = _("Invalid token.")
    default_code = "authentication_failed"
    auth_header = "Token"


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, as DRF's TokenAuthentication (whose OpenAPI scheme it keeps), but
    against our ApiToken rows instead of DRF's authtoken app.

    An expired, revoked or unknown token is the same 401, so a caller learns nothing about which."""

    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise TokenRejected(_("Invalid token header."))
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise TokenRejected() from None
        user = selectors.api_token_user(key=key)
        if user is None:
            raise TokenRejected()
        return user, None

    def authenticate_header(self, request):
        return self.keyword
