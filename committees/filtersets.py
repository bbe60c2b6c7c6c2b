"""One FilterSet per list, for the staff page and the API alike (each filter has an index behind it)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from courtyards.models import Community

from .choices import CommitteeKind, NeedStatus
from .models import Committee, Need


class CommitteeFilterSet(django_filters.FilterSet):
    community = django_filters.ModelChoiceFilter(queryset=Community.objects.all(), to_field_name="code", label=_("Community"))
    kind = django_filters.ChoiceFilter(choices=CommitteeKind.choices, label=_("Kind"), empty_label=_("All"))

    class Meta:
        model = Committee
        fields = ["community", "kind"]


class NeedFilterSet(django_filters.FilterSet):
    community = django_filters.ModelChoiceFilter(queryset=Community.objects.all(), to_field_name="code", label=_("Community"))
    status = django_filters.ChoiceFilter(choices=NeedStatus.choices, label=_("Status"), empty_label=_("All"))

    class Meta:
        model = Need
        fields = ["community", "status"]
