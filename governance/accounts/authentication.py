"""API tokens that expire and die with their owner's password (see selectors.api_token_user)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from . import selectors


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
