from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..choices import DecisionRule, Outcome, VoteChoice
from ..models import Committee, Decision, Meeting, Membership, Need, Vote
from ..voting import MAX_VOTES


def code_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


class CommitteeSerializer(serializers.ModelSerializer):
    street = code_field()
    community = code_field(allow_null=True)
    courtyard = code_field(allow_null=True)
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Committee
        fields = [
            "code",
            "name",
            "kind",
            "topic",
            "description",
            "street",
            "community",
            "courtyard",
            "member_count",
            "decision_rule",
            "quorum_rule",
            "quorum_count",
        ]


class MembershipSerializer(serializers.ModelSerializer):
    committee = code_field()
    member = serializers.CharField(source="user.__str__", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "committee", "member", "role", "seat", "organisation", "started_on", "ends_on", "ended_on"]


class VoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Vote
        fields = ["membership", "choice"]


class DecisionSerializer(serializers.ModelSerializer):
    need = code_field(allow_null=True)
    votes = VoteSerializer(many=True, read_only=True)
    # The body's rule when the motion was put, named as on the body ("" before votes were counted).
    decision_rule = serializers.ChoiceField(source="rule", choices=DecisionRule.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "motion",
            "votes_for",
            "votes_against",
            "votes_abstaining",
            "outcome",
            "need",
            "members_total",
            "members_present",
            "quorum",
            "decision_rule",
            "votes",
        ]


def _count():
    return serializers.IntegerField(min_value=0, max_value=MAX_VOTES, required=False, allow_null=True, default=None)


class BallotSerializer(serializers.Serializer):
    membership = serializers.IntegerField(min_value=1, max_value=2**31 - 1, help_text=_("The id of a membership present"))
    choice = serializers.ChoiceField(choices=VoteChoice.choices)


class DecisionCreateSerializer(serializers.Serializer):
    """A motion's votes: totals, or a roll call in `votes` (then the totals may be left out). The outcome is
    counted by the body's rule; one given must agree with it, except "deferred" (not put to the vote)."""

    motion = serializers.CharField(max_length=300)
    votes_for = _count()
    votes_against = _count()
    votes_abstaining = _count()
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False, allow_blank=True, default="")
    need = serializers.UUIDField(required=False, allow_null=True, default=None)
    votes = BallotSerializer(many=True, required=False, default=list)

    def validate_votes(self, votes):
        members = [vote["membership"] for vote in votes]
        if len(members) != len(set(members)):
            raise serializers.ValidationError(_("Each member votes once."))
        return votes


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
