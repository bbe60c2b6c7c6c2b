from django.conf import settings
from django.contrib.auth import logout
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.generics import GenericAPIView, RetrieveAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from governance.core.limits import ScopedThrottle

from .. import services
from .serializers import MeSerializer, TokenRequestSerializer


@extend_schema(
    summary="A token for the Authorization header (Token <key>)",
    responses=inline_serializer("ApiTokenIssued", {"token": serializers.CharField(), "expires_in_hours": serializers.IntegerField()}),
)
class TokenView(GenericAPIView):
    """POST username (or mobile number) and password, and staff their authenticator code. The token
    expires (API_TOKEN_TTL_HOURS), and ends on a password change and on "sign out everywhere"."""

    serializer_class = TokenRequestSerializer
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedThrottle]  # fails open in a cache outage: docs/security-limits.md
    throttle_scope = "login"

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except ValidationError:
            # The same per-account lockout as the web sign-in (governance/accounts/lockout.py) refused it.
            if getattr(request, "axes_locked_out", False):
                raise Throttled(detail=_("Signing in is paused: too many wrong passwords for this account. Try again in an hour."))
            raise
        key = services.api_token_issue(user=serializer.validated_data["user"])
        return Response({"token": key, "expires_in_hours": settings.API_TOKEN_TTL_HOURS})


@extend_schema(summary="Sign out everywhere: end every API token and session of the caller", request=None, responses={204: None})
class SignOutEverywhereView(APIView):
    def post(self, request):
        services.user_sign_out_everywhere(user=request.user)
        logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(summary="The signed-in person, their home and their roles")
class MeView(RetrieveAPIView):
    serializer_class = MeSerializer

    def get_object(self):
        return self.request.user
