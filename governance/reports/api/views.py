from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import figures, periods, selectors, services
from .serializers import DashboardSerializer, ReportJobCreateSerializer, ReportJobSerializer, dashboard_data


class ReportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Report jobs of the nodes the caller may see: start one, poll its progress, fetch its files."""

    serializer_class = ReportJobSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.job_list(user=self.request.user)

    @extend_schema(request=ReportJobCreateSerializer, responses={201: ReportJobSerializer, 200: ReportJobSerializer})
    def create(self, request):
        incoming = ReportJobCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        node = selectors.node_for(user=request.user, level=data.pop("level"), code=data.pop("code"))
        job, created = services.report_job_request(node=node, requested_by=request.user, **data)
        answer = ReportJobSerializer(job, context={"request": request}).data
        return Response(answer, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(request=None, responses={200: ReportJobSerializer})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        job = self.get_object()
        job = services.report_job_retry(job=job)
        return Response(ReportJobSerializer(job, context={"request": request}).data)


class DashboardView(APIView):
    """The figures of a district, street or community over the last 12 months, with the places below it."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: DashboardSerializer})
    def get(self, request, level: str, code: str):
        node = selectors.node_for(user=request.user, level=level, code=code)
        start, end = periods.last_twelve_months()
        sections = figures.all_sections(node, start, end)
        children = selectors.children_figures(node=node, start=start, end=end)
        data = dashboard_data(node=node, start=start, end=end, sections=sections, children=children)
        return Response(DashboardSerializer(data).data)
