import django_filters
from django.utils.translation import gettext_lazy as _

from governance.accounts import permissions

from .choices import ClaimStatus
from .models import Community, Grid, HomeClaim, Street, Unit


class UnitFilterSet(django_filters.FilterSet):
    """Street and community offer the places in the viewer's scope; courtyard and building take a code."""

    street = django_filters.ModelChoiceFilter(queryset=Street.objects.none(), to_field_name="code", label=_("Street"))
    community = django_filters.ModelChoiceFilter(queryset=Community.objects.none(), to_field_name="code", label=_("Community"))
    courtyard = django_filters.CharFilter(field_name="courtyard__code", label=_("Courtyard code"))
    building = django_filters.CharFilter(field_name="building__code", label=_("Building code"))

    class Meta:
        model = Unit
        fields = ["street", "community", "courtyard", "building"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        user = user or getattr(self.request, "user", None)
        self.filters["street"].queryset = permissions.visible(user, Street.objects.all())
        self.filters["community"].queryset = permissions.visible(user, Community.objects.all())


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


class GridFilterSet(django_filters.FilterSet):
    """The grids of a street or of a community, among those in the viewer's scope."""

    street = django_filters.ModelChoiceFilter(queryset=Street.objects.none(), to_field_name="code", label=_("Street"))
    community = django_filters.ModelChoiceFilter(queryset=Community.objects.none(), to_field_name="code", label=_("Community"))

    class Meta:
        model = Grid
        fields = ["street", "community"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["street"].queryset = permissions.visible(user, Street.objects.all())
        self.filters["community"].queryset = permissions.visible(user, Community.objects.all())
