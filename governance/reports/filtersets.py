"""The request queue's filters, for the export: the same GET parameters as the queue page (status, category, community, overdue)."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.requests.choices import Status
from governance.requests.models import Request

from .figures import overdue_q


class RequestExportFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    category = django_filters.CharFilter(label=_("Category"), field_name="category__code")
    community = django_filters.CharFilter(label=_("Community"), field_name="community__code")
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Request
        fields = ["status", "category", "community", "overdue"]

    def filter_overdue(self, queryset, name, value):
        late = overdue_q(timezone.now())
        return queryset.filter(late) if value else queryset.exclude(late)
