from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status, viewsets
from rest_framework.response import Response

from governance.accounts.scoping import ScopedQuerysetMixin

from .. import selectors, services
from ..filtersets import CommitteeFilterSet, NeedFilterSet
from ..models import Committee, Decision, Meeting, Membership, Need
from . import serializers


class CommitteeViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Bodies in the caller's scope (staff of their area, chairs of their own body)."""

    queryset = Committee.objects.select_related("street", "community", "courtyard").annotate(
        member_count=Count("memberships", filter=Q(memberships__ended_on__isnull=True))
    )
    serializer_class = serializers.CommitteeSerializer
    filterset_class = CommitteeFilterSet
    lookup_field = "code"


class MembershipViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Members of the bodies in scope, current and past (ended terms stay)."""

    queryset = Membership.objects.select_related("committee", "user").order_by("pk")
    serializer_class = serializers.MembershipSerializer
    filterset_fields = ["role"]


class MeetingViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Meeting.objects.select_related("committee").prefetch_related(
        Prefetch("decisions", queryset=Decision.objects.select_related("need").prefetch_related("votes"))
    )
    serializer_class = serializers.MeetingSerializer
    filterset_fields = ["status"]
    lookup_field = "code"


class NeedViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Needs of residents in scope (a resident sees the ones they raised), with their support counts."""

    queryset = Need.objects.select_related("community", "committee").annotate(support_count=Count("supports"))
    serializer_class = serializers.NeedSerializer
    filterset_class = NeedFilterSet
    lookup_field = "code"


class NeedSupportView(generics.GenericAPIView):
    """A verified resident supports a need of their community, once; a second support is a 400 with the reason."""

    serializer_class = serializers.NeedSupportSerializer

    @extend_schema(request=None, responses={201: serializers.NeedSupportSerializer})
    def post(self, request, code):
        need = selectors.need_public(code=code)
        services.need_support(need=need, user=request.user)  # a refusal is a 400 by the API's exception handler
        count = selectors.need_public(code=code).support_count
        return Response(self.get_serializer({"need": need.code, "support_count": count}).data, status=status.HTTP_201_CREATED)


class MeetingDecisionView(generics.GenericAPIView):
    """Record a decision of a meeting the caller runs (chair, vice-chair, staff of its place; anyone else: 404).
    More votes than members present, no quorum, an outcome the votes do not give: a 400 with the reason, nothing written."""

    serializer_class = serializers.DecisionCreateSerializer

    @extend_schema(responses={201: serializers.DecisionSerializer})
    def post(self, request, code):
        meeting = selectors.meeting_to_run(user=request.user, code=code)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        decision = services.decision_record(
            meeting=meeting,
            motion=data["motion"],
            votes_for=data["votes_for"],
            votes_against=data["votes_against"],
            votes_abstaining=data["votes_abstaining"],
            outcome=data["outcome"],
            need=_open_need(meeting, data["need"]),
            ballots={vote["membership"]: vote["choice"] for vote in data["votes"]},
        )
        return Response(serializers.DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


def _open_need(meeting, code):
    if code is None:
        return None
    need = selectors.needs_open_for_agenda(committee=meeting.committee).filter(code=code).first()
    if need is None:
        raise ValidationError({"need": _("No need with this code is waiting for this body.")})
    return need
