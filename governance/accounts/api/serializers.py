from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer

from .. import second_factor, services
from ..models import RoleAssignment, User


class TokenRequestSerializer(AuthTokenSerializer):
    """Username (or mobile number) and password; staff add the current code of their authenticator app."""

    otp_token = serializers.CharField(
        label=_("Code from the authenticator app"), required=False, allow_blank=True, max_length=6, write_only=True
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        user = attrs["user"]
        if second_factor.required_for(user) and services.totp_verify(user=user, code=attrs.get("otp_token", "")) is None:
            message = _("Staff accounts need the current code from their authenticator app (otp_token).")
            raise serializers.ValidationError({"otp_token": [message]}, code="authorization")
        return attrs


class RoleAssignmentSerializer(serializers.ModelSerializer):
    node = serializers.SerializerMethodField()

    class Meta:
        model = RoleAssignment
        fields = ["role", "level", "node"]

    def get_node(self, obj) -> str:
        return obj.node.code


class MeSerializer(serializers.ModelSerializer):
    roles = RoleAssignmentSerializer(source="role_assignments", many=True, read_only=True)
    home_unit = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = User
        fields = ["username", "display_name", "phone", "home_unit", "roles"]
