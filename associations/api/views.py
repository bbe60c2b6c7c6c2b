from django.db.models import Count, Prefetch, Q
from rest_framework import viewsets

from governance.accounts.scoping import ScopedQuerysetMixin

from ..choices import MembershipStatus
from ..models import Association, AssociationMembership, Enterprise, Pledge
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
    queryset = Enterprise.objects.select_related("street").prefetch_related(
        Prefetch("pledges", queryset=Pledge.objects.prefetch_related("needs"))
    )
    serializer_class = serializers.EnterpriseSerializer
    filterset_fields = ["kind", "alliance_member"]
    lookup_field = "code"
