"""API tokens that expire and die with their owner's password (see selectors.api_token_user)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from . import selectors


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>`, as DRF's TokenAuthentication, so existing clients keep working.

    An expired, revoked or unknown token is the same 401, so a caller learns nothing about which."""

    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        user = selectors.api_token_user(key=key)
        if user is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return user, None

    def authenticate_header(self, request):
        return self.keyword
