from drf_spectacular.utils import extend_schema
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.generics import RetrieveAPIView

from governance.core.limits import ScopedThrottle

from .serializers import MeSerializer


class TokenView(ObtainAuthToken):
    """POST username (or mobile number) and password; get a token for the Authorization header."""

    throttle_classes = [ScopedThrottle]  # fails open in a cache outage: docs/security-limits.md
    throttle_scope = "login"


@extend_schema(summary="The signed-in person, their home and their roles")
class MeView(RetrieveAPIView):
    serializer_class = MeSerializer

    def get_object(self):
        return self.request.user
