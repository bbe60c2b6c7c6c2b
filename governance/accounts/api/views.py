from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.generics import RetrieveAPIView

from governance.core.limits import ScopedThrottle

from .serializers import MeSerializer, TokenRequestSerializer


class TokenView(ObtainAuthToken):
    """POST username (or mobile number) and password; get a token for the Authorization header."""

    throttle_classes = [ScopedThrottle]  # fails open in a cache outage: docs/security-limits.md
    throttle_scope = "login"
    serializer_class = TokenRequestSerializer

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            # The same per-account lockout as the web sign-in (governance/accounts/lockout.py) refused it.
            if getattr(request, "axes_locked_out", False):
                raise Throttled(detail=_("Signing in is paused: too many wrong passwords for this account. Try again in an hour."))
            raise


@extend_schema(summary="The signed-in person, their home and their roles")
class MeView(RetrieveAPIView):
    serializer_class = MeSerializer

    def get_object(self):
        return self.request.user
