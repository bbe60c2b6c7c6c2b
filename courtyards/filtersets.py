import django_filters
from django.utils.translation import gettext_lazy as _

from .choices import ClaimStatus
from .models import Building, Community, Courtyard, HomeClaim, Street, Unit


class UnitFilterSet(django_filters.FilterSet):
    street = django_filters.ModelChoiceFilter(queryset=Street.objects.all(), to_field_name="code", label=_("Street"))
    community = django_filters.ModelChoiceFilter(queryset=Community.objects.all(), to_field_name="code", label=_("Community"))
    courtyard = django_filters.ModelChoiceFilter(queryset=Courtyard.objects.all(), to_field_name="code", label=_("Courtyard"))
    building = django_filters.ModelChoiceFilter(queryset=Building.objects.all(), to_field_name="code", label=_("Building"))

    class Meta:
        model = Unit
        fields = ["street", "community", "courtyard", "building"]


class CommunityFilterSet(django_filters.FilterSet):
    street = django_filters.ModelChoiceFilter(queryset=Street.objects.all(), to_field_name="code", label=_("Street"))
    kind = django_filters.CharFilter(label=_("Kind"))

    class Meta:
        model = Community
        fields = ["street", "kind"]


class HomeClaimFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices, label=_("Status"), empty_label=_("All"))
    community = django_filters.ModelChoiceFilter(queryset=Community.objects.all(), to_field_name="code", label=_("Community"))

    class Meta:
        model = HomeClaim
        fields = ["status", "community"]
