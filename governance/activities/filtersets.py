import django_filters
from django.utils.translation import gettext_lazy as _

from courtyards.models import Community, Street

from .choices import Category
from .models import Activity, ActivityType


class ActivityFilterSet(django_filters.FilterSet):
    """One filter for the staff list and the API; each filter has an index (community/street + time, type)."""

    street = django_filters.ModelChoiceFilter(queryset=Street.objects.all(), to_field_name="code", label=_("Street"))
    community = django_filters.ModelChoiceFilter(queryset=Community.objects.all(), to_field_name="code", label=_("Community"))
    type = django_filters.ModelChoiceFilter(queryset=ActivityType.objects.all(), to_field_name="code", label=_("Type"))
    category = django_filters.ChoiceFilter(field_name="type__category", choices=Category.choices, label=_("Counts as"))
    start = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__gte", label=_("From"))
    end = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__lte", label=_("To"))

    class Meta:
        model = Activity
        fields = ["street", "community", "type", "category", "start", "end"]
