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
    start = serializers.DateField(help_text=_("For a monthly, quarterly or yearly report: any day of that month, quarter or year."))
    end = serializers.DateField(required=False, allow_null=True, help_text=_("Custom period only: the last day."))


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    percent = serializers.BooleanField(help_text=_("The value is a share from 0 to 1."))


class TrendPointSerializer(serializers.Serializer):
    month = serializers.DateField()
    value = serializers.FloatField()


class BreakdownRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class BreakdownSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    rows = BreakdownRowSerializer(many=True)


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    figures = FigureSerializer(many=True)
    trend_label = serializers.CharField()
    trend = TrendPointSerializer(many=True)
    breakdowns = BreakdownSerializer(many=True)


class ChildSerializer(serializers.Serializer):
    level = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()
    submitted = serializers.IntegerField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()


class DashboardSerializer(serializers.Serializer):
    level = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    sections = SectionSerializer(many=True)
    children = ChildSerializer(many=True)


def dashboard_data(*, node, start, end, sections, children) -> dict:
    """The dashboard as plain data for DashboardSerializer."""
    return {
        "level": node.level,
        "code": node.code,
        "name": node.name,
        "start": start,
        "end": end,
        "sections": [
            {
                "key": s.key,
                "title": str(s.title),
                "figures": [vars(f) | {"label": str(f.label)} for f in s.figures],
                "trend_label": str(s.trend_label),
                "trend": [{"month": m, "value": v} for m, v in s.trend],
                "breakdowns": [
                    {"key": b.key, "title": str(b.title), "rows": [{"label": label, "count": n} for label, n in b.rows]}
                    for b in s.breakdowns
                ],
            }
            for s in sections
        ],
        "children": [
            {"level": c["level"], "code": c["node"].code, "name": c["node"].name} | {k: c[k] for k in ("submitted", "open", "overdue")}
            for c in children
        ],
    }
