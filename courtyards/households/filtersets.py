import django_filters
from django.utils.translation import gettext_lazy as _

from ..choices import HouseholdTag
from ..models import Building, Courtyard, Household
from ..pickers import PlaceChoiceFilter
from .selectors import households_tagged, may_see_household_tags


class HouseholdFilterSet(django_filters.FilterSet):
    """Courtyard and building of the community; the tag filter only for those who may see tags."""

    courtyard = django_filters.ModelChoiceFilter(queryset=Courtyard.objects.none(), to_field_name="code", label=_("Courtyard"))
    building = PlaceChoiceFilter(queryset=Building.objects.none(), field_name="unit__building", to_field_name="code", label=_("Building"))
    tag = django_filters.ChoiceFilter(choices=HouseholdTag.choices, method="filter_tag", label=_("Tag"), empty_label=_("All"))

    class Meta:
        model = Household
        fields = ["courtyard", "building", "tag"]

    def __init__(self, *args, community, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.filters["courtyard"].queryset = Courtyard.objects.filter(community=community).order_by("code")
        self.filters["building"].queryset = Building.objects.filter(community=community).order_by("courtyard__code", "code")
        if not may_see_household_tags(user):
            del self.filters["tag"]

    def filter_tag(self, queryset, name, value):
        return households_tagged(user=self.user, households=queryset, tag=value) if value else queryset
