from rest_framework import serializers

from ..models import Association, AssociationMembership, Enterprise, Pledge


def code_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


class AssociationSerializer(serializers.ModelSerializer):
    community = code_field()
    courtyard = code_field(allow_null=True)
    guiding_committee = code_field(allow_null=True)
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Association
        fields = [
            "code",
            "name",
            "kind",
            "anchor",
            "interest",
            "description",
            "how_to_join",
            "community",
            "courtyard",
            "guiding_committee",
            "member_count",
        ]


class AssociationMembershipSerializer(serializers.ModelSerializer):
    association = code_field()
    member = serializers.CharField(source="user.__str__", read_only=True)

    class Meta:
        model = AssociationMembership
        fields = ["id", "association", "member", "status", "is_leader", "applied_at", "decided_at"]


class PledgeSerializer(serializers.ModelSerializer):
    needs = code_field(many=True)
    used = serializers.IntegerField(read_only=True, help_text="Places or jobs used so far (recorded fulfilments).")

    class Meta:
        model = Pledge
        fields = ["id", "kind", "title", "capacity", "used", "starts_on", "ends_on", "needs"]


class EnterpriseSerializer(serializers.ModelSerializer):
    street = code_field()
    pledges = PledgeSerializer(many=True, read_only=True)

    class Meta:
        model = Enterprise
        fields = ["code", "name", "kind", "alliance_member", "street", "pledges"]


class ApplicationSerializer(serializers.ModelSerializer):
    association = code_field()

    class Meta:
        model = AssociationMembership
        fields = ["id", "association", "status", "message", "applied_at"]
        read_only_fields = ["id", "association", "status", "applied_at"]
