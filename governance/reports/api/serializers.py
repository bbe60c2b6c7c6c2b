from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..choices import NodeLevel, PeriodKind
from ..models import ReportJob


class ReportJobSerializer(serializers.ModelSerializer):
    node = serializers.SerializerMethodField()
    code = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()

    class Meta:
        model = ReportJob
        fields = [
            "id",
            "level",
            "code",
            "node",
            "period_kind",
            "start",
            "end",
            "status",
            "progress",
            "error",
            "files",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_node(self, job) -> str:
        return job.node.name

    def get_code(self, job) -> str:
        return job.node.code

    def get_files(self, job) -> dict[str, str]:
        """Download links of the finished report (empty until it is done)."""
        request = self.context.get("request")
        files = {}
        for kind in ("xlsx", "pdf"):
            if getattr(job, kind):
                url = reverse("reports:job_file", kwargs={"pk": job.pk, "kind": kind})
                files[kind] = request.build_absolute_uri(url) if request else url
        return files


class ReportJobCreateSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=NodeLevel.choices)
    code = serializers.SlugField()
    period_kind = serializers.ChoiceField(choices=PeriodKind.choices)
    start = serializers.DateField(help_text=_("For a monthly or quarterly report: any day of that month or quarter."))
    end = serializers.DateField(required=False, allow_null=True, help_text=_("Custom period only: the last day."))
