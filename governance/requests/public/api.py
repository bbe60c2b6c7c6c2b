"""Read-only public API of request statistics and the three rates 三率, per community, street or district."""

from datetime import date, datetime, timedelta

from django.http import Http404
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from courtyards.models import Community, District, Street
from governance.core import periods
from governance.core.limits import AnonThrottle

from . import figures as public_figures

DEFAULT_DAYS = 90
MAX_DAYS = 3 * 366


class PublicThrottle(AnonThrottle):
    rate = "120/min"


class RateSerializer(serializers.Serializer):
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True)


class ThreeRatesSerializer(serializers.Serializer):
    response = RateSerializer()
    resolution = RateSerializer()
    satisfaction = RateSerializer()


class FiguresSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    open = serializers.IntegerField()
    resolved = serializers.IntegerField()
    on_time = serializers.IntegerField()
    on_time_share = serializers.FloatField(allow_null=True)
    median_hours = serializers.FloatField(allow_null=True)
    rated = serializers.IntegerField()
    mean_rating = serializers.FloatField(allow_null=True)


class CountSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    n = serializers.IntegerField()


class NodeStatsSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    figures = FiguresSerializer()
    by_status = CountSerializer(many=True)
    by_category = CountSerializer(many=True)
    rates = ThreeRatesSerializer()


PERIOD = [
    OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, description="The node's public code, e.g. xinhong."),
    OpenApiParameter(
        "start", OpenApiTypes.DATE, description="First day (default: 89 days before the last: the last 90 days, as the public page)."
    ),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Last day, included (default: today)."),
]


def _period(query) -> tuple[date, date]:
    """The days asked for, both included; by default the last 90 days, as the public statistics page counts them."""
    end_day = _day(query, "end") or timezone.localdate()
    start_day = _day(query, "start") or end_day - timedelta(days=DEFAULT_DAYS - 1)
    if start_day > end_day or (end_day - start_day).days > MAX_DAYS:
        raise ValidationError({"start": [_("start must be before end, at most three years apart.")]})
    return start_day, end_day


def _figures(figures: public_figures.RequestFigures) -> dict:
    """The API's figures, from the one computation the pages show (`public.figures`)."""
    totals, resolution = figures.totals, figures.rates["resolution"]
    return {
        "total": totals["submitted"],
        "open": totals["open"],
        "resolved": totals["resolved"],
        "on_time": resolution.numerator,
        "on_time_share": resolution.value,
        "median_hours": totals["median_hours"],
        "rated": totals["rated"],
        "mean_rating": totals["mean_rating"],
    }


def _day(query, name: str):
    raw = query.get(name)
    if not raw:
        return None
    try:
        return datetime.strptime(raw, "%Y-%m-%d").date()
    except ValueError:
        raise ValidationError({name: [_("Use YYYY-MM-DD.")]}) from None


class NodeStatsViewSet(viewsets.ViewSet):
    """Counts and rates only: no request, name or place below the node is ever listed."""

    model: type = Community
    lookup_field = "code"
    permission_classes = [AllowAny]
    throttle_classes = [PublicThrottle]

    @extend_schema(parameters=PERIOD, responses=NodeStatsSerializer)
    def retrieve(self, request, code=None):
        node = self.model.objects.filter(code=code).first()
        if node is None:
            raise Http404
        start_day, end_day = _period(request.query_params)
        stats = public_figures.statistics(node=node, start=start_day, end=end_day)
        start, end = periods.bounds(start_day, end_day)
        data = {
            "code": node.code,
            "name": node.name,
            "start": start,
            "end": end,
            "figures": _figures(stats["figures"]),
            "by_status": [{"key": r["status"], "label": str(r["label"]), "n": r["n"]} for r in stats["by_status"]],
            "by_category": [{"key": r["code"], "label": r["label"], "n": r["n"]} for r in stats["by_category"]],
            "rates": {
                k: {"numerator": r.numerator, "denominator": r.denominator, "value": r.value} for k, r in stats["figures"].rates.items()
            },
        }
        return Response(NodeStatsSerializer(data).data)


class CommunityStatsViewSet(NodeStatsViewSet):
    model = Community


class StreetStatsViewSet(NodeStatsViewSet):
    model = Street


class DistrictStatsViewSet(NodeStatsViewSet):
    model = District


router = SimpleRouter()
router.register("stats/communities", CommunityStatsViewSet, basename="community-stats")
router.register("stats/streets", StreetStatsViewSet, basename="street-stats")
router.register("stats/districts", DistrictStatsViewSet, basename="district-stats")
urlpatterns = [path("", include(router.urls))]
