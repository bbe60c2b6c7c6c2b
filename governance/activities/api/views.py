from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from courtyards import selectors as tree_selectors
from governance.accounts import permissions
from governance.accounts.choices import SecurityEventKind
from governance.accounts.permissions import Action
from governance.accounts.scoping import ScopedQuerysetMixin
from governance.accounts.services import security_event_record

from .. import selectors
from ..filtersets import ActivityFilterSet
from ..models import Activity, Project, SpecialFamily
from . import serializers


class ActivityViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Activities in the caller's scope; filter with ?street=, ?community=, ?type=, ?category=, ?start=, ?end=."""

    queryset = Activity.objects.select_related("type", "community", "street", "station", "project", "organiser").order_by(
        "-starts_at", "-pk"
    )
    serializer_class = serializers.ActivitySerializer
    filterset_class = ActivityFilterSet
    lookup_field = "code"


class ProjectViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Funded projects in scope, with progress summed from their activities."""

    queryset = Project.objects.select_related("organiser").annotate(**selectors.project_progress_annotations()).order_by("code")
    serializer_class = serializers.ProjectSerializer
    lookup_field = "code"


class SpecialFamilyViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Case files open to the caller: as the assigned social worker, or by an explicit grant."""

    queryset = SpecialFamily.objects.select_related("community").order_by("pk")
    serializer_class = serializers.SpecialFamilySerializer
    lookup_field = "code"

    def get_object(self):
        family = super().get_object()
        security_event_record(kind=SecurityEventKind.FAMILY_VIEWED, actor=self.request.user, obj=family, request=self.request)
        return family


class TotalsView(APIView):
    """Events, person-times, volunteer hours and families helped under a node the caller may see."""

    @extend_schema(
        parameters=[
            OpenApiParameter("node", OpenApiTypes.STR, required=True, description="code of a district, street or community"),
            OpenApiParameter("start", OpenApiTypes.DATE),
            OpenApiParameter("end", OpenApiTypes.DATE),
        ],
        responses=serializers.TotalsSerializer,
    )
    def get(self, request):
        query = serializers.PeriodSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        period = dict(query.validated_data)
        node = tree_selectors.node_by_code(code=period.pop("node"))
        if node is None or node.level not in {"district", "street", "community"} or not permissions.can(request.user, Action.VIEW, node):
            raise Http404
        totals = selectors.node_totals(node=node, **period)
        return Response(serializers.TotalsSerializer({"node": node.code, **totals}).data)
