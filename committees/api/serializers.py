from rest_framework import serializers

from ..models import Committee, Decision, Meeting, Membership, Need


def code_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


class CommitteeSerializer(serializers.ModelSerializer):
    street = code_field()
    community = code_field(allow_null=True)
    courtyard = code_field(allow_null=True)
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Committee
        fields = ["code", "name", "kind", "topic", "description", "street", "community", "courtyard", "member_count"]


class MembershipSerializer(serializers.ModelSerializer):
    committee = code_field()
    member = serializers.CharField(source="user.__str__", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "committee", "member", "role", "seat", "started_on", "ends_on", "ended_on"]


class DecisionSerializer(serializers.ModelSerializer):
    need = code_field(allow_null=True)

    class Meta:
        model = Decision
        fields = ["id", "motion", "votes_for", "votes_against", "votes_abstaining", "outcome", "need"]


class MeetingSerializer(serializers.ModelSerializer):
    committee = code_field()
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["code", "committee", "title", "starts_at", "place", "status", "minutes", "decisions"]


class NeedSerializer(serializers.ModelSerializer):
    community = code_field()
    committee = code_field(allow_null=True)
    support_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Need
        fields = ["code", "title", "description", "status", "community", "committee", "support_count", "created_at", "done_at", "result"]


class NeedSupportSerializer(serializers.Serializer):
    need = serializers.UUIDField(read_only=True)
    support_count = serializers.IntegerField(read_only=True)
