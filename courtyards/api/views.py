from rest_framework import viewsets

from governance.accounts.scoping import ScopedQuerysetMixin

from ..filtersets import CommunityFilterSet, HomeClaimFilterSet, UnitFilterSet
from ..models import Building, Community, Courtyard, Covenant, District, HomeClaim, Street, Unit
from . import serializers


class NodeViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "code"


class DistrictViewSet(NodeViewSet):
    queryset = District.objects.all()
    serializer_class = serializers.DistrictSerializer


class StreetViewSet(NodeViewSet):
    queryset = Street.objects.select_related("district")
    serializer_class = serializers.StreetSerializer


class CommunityViewSet(NodeViewSet):
    queryset = Community.objects.select_related("street")
    serializer_class = serializers.CommunitySerializer
    filterset_class = CommunityFilterSet


class CourtyardViewSet(NodeViewSet):
    queryset = Courtyard.objects.select_related("community")
    serializer_class = serializers.CourtyardSerializer
    filterset_fields = ["kind"]


class BuildingViewSet(NodeViewSet):
    queryset = Building.objects.select_related("courtyard")
    serializer_class = serializers.BuildingSerializer


class UnitViewSet(NodeViewSet):
    """Units in the caller's scope; filter with ?street=, ?community=, ?courtyard=, ?building= (codes)."""

    queryset = Unit.objects.select_related("building", "courtyard", "community", "street").order_by("code")
    serializer_class = serializers.UnitSerializer
    filterset_class = UnitFilterSet


class HomeClaimViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Claims to a home: a resident sees their own, staff those of their area."""

    queryset = HomeClaim.objects.select_related("unit__building", "unit__courtyard", "unit__community")
    serializer_class = serializers.HomeClaimSerializer
    filterset_class = HomeClaimFilterSet
    lookup_field = "code"


class CovenantViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Covenants and charters in scope, every version, newest first."""

    queryset = Covenant.objects.select_related("community", "courtyard").prefetch_related("versions")
    serializer_class = serializers.CovenantSerializer
    lookup_field = "code"
