from rest_framework import serializers

from ..models import Activity, ActivityType, Project, SpecialFamily


def code_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


class ActivityTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityType
        fields = ["code", "name", "name_en", "category"]


class ActivitySerializer(serializers.ModelSerializer):
    type = code_field()
    community = code_field()
    street = code_field()
    station = code_field(allow_null=True)
    project = code_field(allow_null=True)
    organiser = serializers.CharField(source="organiser.name", default=None, allow_null=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "code", "type", "title", "starts_at", "ends_at", "street", "community", "station",
            "organiser", "project", "headcount", "person_times", "capacity", "created_at",
        ]  # fmt: skip


class ProjectSerializer(serializers.ModelSerializer):
    organiser = serializers.CharField(source="organiser.name", read_only=True)
    events_done = serializers.IntegerField(read_only=True)
    person_times_done = serializers.IntegerField(read_only=True)

    class Meta:
        model = Project
        fields = [
            "code", "name", "kind", "funder", "budget", "organiser", "starts_on", "ends_on",
            "target_person_times", "target_events", "events_done", "person_times_done",
        ]  # fmt: skip


class SpecialFamilySerializer(serializers.ModelSerializer):
    """Only ever serialised for the assigned worker and staff granted the case file."""

    community = code_field()

    class Meta:
        model = SpecialFamily
        fields = ["code", "head_name", "phone", "reason", "needs", "community", "created_at"]


class TotalsSerializer(serializers.Serializer):
    node = serializers.CharField()
    events = serializers.IntegerField()
    person_times = serializers.IntegerField()
    clinic_person_times = serializers.IntegerField()
    volunteer_events = serializers.IntegerField()
    volunteer_person_times = serializers.IntegerField()
    mediation_events = serializers.IntegerField()
    volunteer_hours = serializers.DecimalField(max_digits=12, decimal_places=1)
    families_helped = serializers.IntegerField()


class PeriodSerializer(serializers.Serializer):
    node = serializers.CharField(max_length=60)  # DRF's CharField refuses NUL, which PostgreSQL cannot compare
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
