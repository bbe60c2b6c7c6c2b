from rest_framework import serializers

from ..models import Building, Community, Courtyard, Covenant, CovenantVersion, District, HomeClaim, Street, Unit


def code_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["code", "name"]


class StreetSerializer(serializers.ModelSerializer):
    district = code_field()

    class Meta:
        model = Street
        fields = ["code", "name", "district"]


class CommunitySerializer(serializers.ModelSerializer):
    street = code_field()
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Community
        fields = ["code", "name", "kind", "kind_display", "street"]


class CourtyardSerializer(serializers.ModelSerializer):
    community = code_field()

    class Meta:
        model = Courtyard
        fields = ["code", "name", "kind", "address", "community"]


class BuildingSerializer(serializers.ModelSerializer):
    courtyard = code_field()

    class Meta:
        model = Building
        fields = ["code", "name", "courtyard"]


class UnitSerializer(serializers.ModelSerializer):
    building = code_field()
    courtyard = code_field()
    community = code_field()
    street = code_field()
    address = serializers.CharField(read_only=True)

    class Meta:
        model = Unit
        fields = ["code", "name", "address", "building", "courtyard", "community", "street"]


class HomeClaimSerializer(serializers.ModelSerializer):
    unit = code_field()
    address = serializers.CharField(source="unit.address", read_only=True)

    class Meta:
        model = HomeClaim
        fields = ["code", "unit", "address", "room", "status", "created_at", "decided_at", "decline_reason"]


class CovenantVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CovenantVersion
        fields = ["number", "text", "adopted_on", "method", "votes_for", "votes_against", "votes_abstaining"]


class CovenantSerializer(serializers.ModelSerializer):
    community = code_field()
    courtyard = code_field(allow_null=True)
    versions = CovenantVersionSerializer(many=True, read_only=True)

    class Meta:
        model = Covenant
        fields = ["code", "kind", "title", "community", "courtyard", "versions"]
