from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from governance.core.text import refuse_control_characters

from ..models import Request, RequestExtension, TimelineEvent

TEXT_RULE = [refuse_control_characters]  # the model's rule, for fields of serializers that are not model serializers


class TimelineEventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    note = serializers.CharField(source="text", read_only=True)  # the portal's words in the reader's language, then the person's

    class Meta:
        model = TimelineEvent
        fields = ["kind", "from_status", "to_status", "note", "public", "created_at", "actor"]

    def get_actor(self, event) -> str:
        return str(event.actor) if event.actor_id and self.context.get("show_actors") else ""


class RequestSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    community = serializers.SlugRelatedField(slug_field="code", read_only=True)
    courtyard = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    merged_into = serializers.SlugRelatedField(slug_field="number", read_only=True, allow_null=True)
    photos = serializers.SerializerMethodField()
    owner_label = serializers.CharField(source="owner_name", read_only=True)

    class Meta:
        model = Request
        fields = [
            "number",
            "title",
            "text",
            "status",
            "status_display",
            "category",
            "community",
            "courtyard",
            "owner_body",
            "owner_label",
            "assignee",
            "supervised",
            "public",
            "accept_due_at",
            "resolve_due_at",
            "accepted_at",
            "resolved_at",
            "closed_at",
            "rating",
            "rating_comment",
            "merged_into",
            "created_at",
            "updated_at",
            "photos",
        ]
        read_only_fields = fields

    def get_photos(self, request) -> list[str]:
        """Links to the guarded photo view: each answers only to those who may see the request."""
        return [reverse("requests:photo", kwargs={"code": photo.code}) for photo in request.photos.all()]


class RequestCreateSerializer(serializers.Serializer):
    """A resident files a request; `place` is the code of their home unit (the default), its courtyard or its community."""

    category = serializers.SlugField(max_length=40)
    place = serializers.SlugField(max_length=60, required=False)
    title = serializers.CharField(max_length=100, validators=TEXT_RULE)
    text = serializers.CharField(max_length=2000, validators=TEXT_RULE)
    public = serializers.BooleanField(default=True)
    photos_public = serializers.BooleanField(default=False)
    reporter_public = serializers.BooleanField(default=False)
    photos = serializers.ListField(child=serializers.FileField(), required=False, max_length=5)


class RequestCreateJsonSerializer(RequestCreateSerializer):
    """The same in JSON, which cannot carry files: photos come only with multipart/form-data."""

    photos = None


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="", validators=TEXT_RULE)


class StaffActionSerializer(NoteSerializer):
    assignee = serializers.CharField(max_length=150, required=False, allow_blank=True, default="", validators=TEXT_RULE)
    into = serializers.CharField(max_length=20, required=False, allow_blank=True, default="", validators=TEXT_RULE)
    public = serializers.BooleanField(default=False)
    reply_due_on = serializers.DateField(required=False, allow_null=True, default=None)


class ConfirmSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="", validators=TEXT_RULE)


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, validators=TEXT_RULE)


class DispatchSerializer(NoteSerializer):
    """派单: the unit, as the staff page offers it ("committee:<code>", "department:<id>", "community", "street")."""

    owner = serializers.CharField(max_length=80, validators=TEXT_RULE)


class TransferSerializer(serializers.Serializer):
    """转办: the unit, and why (required)."""

    owner = serializers.CharField(max_length=80, validators=TEXT_RULE)
    reason = serializers.CharField(max_length=2000, validators=TEXT_RULE)


class ReturnSerializer(serializers.Serializer):
    """退单: why the request goes back to the dispatcher (required)."""

    reason = serializers.CharField(max_length=2000, validators=TEXT_RULE)


class CoHandlerChangeSerializer(NoteSerializer):
    """协办 added or ended: the committee ("committee:<code>") or department ("department:<id>")."""

    owner = serializers.CharField(max_length=80, validators=TEXT_RULE)


class CoHandlerSerializer(serializers.Serializer):
    unit = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField()
    added_at = serializers.DateTimeField(read_only=True)
    ended_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def get_unit(self, row) -> str:
        return f"department:{row.department_id}" if row.department_id else f"committee:{row.committee.code}"

    def get_name(self, row) -> str:
        return row.unit.name


class ExtensionAskSerializer(serializers.Serializer):
    """延期申请: why, and how much more time: a number of days, or the date to resolve by."""

    reason = serializers.CharField(max_length=500, validators=TEXT_RULE)
    days = serializers.IntegerField(min_value=1, max_value=365, required=False, allow_null=True, default=None)
    until = serializers.DateField(required=False, allow_null=True, default=None)

    def validate(self, attrs):
        if not attrs.get("days") and not attrs.get("until"):
            raise serializers.ValidationError(_("Give a number of days or a new date."))
        return attrs


class ExtensionDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["approve", "refuse"])
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="", validators=TEXT_RULE)


class ExtensionSerializer(serializers.ModelSerializer):
    request = serializers.SlugRelatedField(slug_field="number", read_only=True)
    resolve_due_at = serializers.DateTimeField(source="request.resolve_due_at", read_only=True)

    class Meta:
        model = RequestExtension
        fields = ["id", "request", "reason", "hours", "status", "created_at", "decided_at", "resolve_due_at"]
        read_only_fields = fields
