from django.db.models import Count, Prefetch, Q
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status, viewsets
from rest_framework.response import Response

from governance.accounts.scoping import ScopedQuerysetMixin

from .. import selectors, services
from ..choices import MembershipStatus
from ..models import Association, AssociationMembership, Enterprise
from . import serializers


class AssociationViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Association.objects.select_related("community", "courtyard", "guiding_committee").annotate(
        member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
    )
    serializer_class = serializers.AssociationSerializer
    filterset_fields = ["kind", "anchor"]
    lookup_field = "code"


class AssociationMembershipViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Applications and memberships in scope; a resident sees their own."""

    queryset = AssociationMembership.objects.select_related("association", "user").order_by("pk")
    serializer_class = serializers.AssociationMembershipSerializer
    filterset_fields = ["status"]


class EnterpriseViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Enterprise.objects.select_related("street").prefetch_related(Prefetch("pledges", queryset=selectors.pledges_with_use()))
    serializer_class = serializers.EnterpriseSerializer
    filterset_fields = ["kind", "alliance_member"]
    lookup_field = "code"


class ApplyView(generics.GenericAPIView):
    """A resident applies to join an association; a second open application is a 400 with the reason."""

    serializer_class = serializers.ApplicationSerializer

    @extend_schema(responses={201: serializers.ApplicationSerializer})
    def post(self, request, code):
        association = selectors.association_public(code=code)
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        membership = services.membership_apply(
            association=association, user=request.user, message=incoming.validated_data.get("message", "")
        )
        return Response(self.get_serializer(membership).data, status=status.HTTP_201_CREATED)
