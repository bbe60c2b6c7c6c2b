"""The OpenAPI schema declares the error answers too: every operation names the statuses it can give."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import permissions, serializers

# Any operation can meet these: a bad parameter or body, a token that is expired, revoked or unknown
# (401 even where no sign-in is needed: a client learns to sign in again), a row out of scope, throttling.
ALWAYS = {
    "400": "The input is not valid.",
    "401": "The token sent is not valid (expired, revoked or unknown).",
    "404": "No such resource, or not in the caller's scope.",
    "429": "Too many requests.",
}
# Only operations that need a signed-in caller.
SIGNED_IN = {"403": "Not signed in, or not allowed."}


class ErrorSerializer(serializers.Serializer):
    """The one error body of /api/v1/ (see governance.core.api_errors)."""

    detail = serializers.CharField(help_text="What went wrong, in the caller's language.")
    code = serializers.CharField(help_text="A stable word to branch on: invalid, not_found, not_authenticated, throttled, ...")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="The messages of each invalid field, named with dots for nested parts (photos.0); {} otherwise.",
    )


class ErrorDeclaringAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, adding the error statuses an operation does not declare itself."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, text in self._error_statuses().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code, direction=direction) | {"description": text}
        return responses

    def _get_filter_parameters(self):
        """An empty filter (?community=) means "no filter", as on the HTML lists that share the FilterSet."""
        return [parameter | {"allowEmptyValue": True} for parameter in super()._get_filter_parameters()]

    def _error_statuses(self) -> dict[str, str]:
        public = all(isinstance(p, permissions.AllowAny) for p in self.view.get_permissions())
        return ALWAYS if public else ALWAYS | SIGNED_IN
