from rest_framework import serializers

from ..models import RoleAssignment, User


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
