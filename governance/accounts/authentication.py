from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import AuthenticationFailed

from . import second_factor


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
