import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courtyards.models import Community
from governance.core.api_filters import StrictBooleanFilter

from .choices import OPEN_STATUSES, Source, Status
from .dispatch.models import DispatchState
from .models import Category, Request
from .selectors import overdue_visible
from .workflow.rules import overdue_q

YES_NO = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


class RequestFilterSet(django_filters.FilterSet):
    """One filter set for the staff queue and the API list."""

    q = django_filters.CharFilter(method="search", label=_("Search (title or number)"), max_length=100)
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"), empty_label=_("All"))
    category = django_filters.ModelChoiceFilter(queryset=Category.objects.all(), to_field_name="code", label=_("Category"))
    community = django_filters.ModelChoiceFilter(queryset=Community.objects.all(), to_field_name="code", label=_("Community"))
    # By code, not a select: a street has hundreds of courtyards (the dashboards' map links here, reports.maps).
    courtyard = django_filters.CharFilter(field_name="courtyard__code", label=_("Courtyard (code)"), max_length=40)
    open = StrictBooleanFilter(method="by_open", label=_("Still open"), widget=forms.Select(choices=YES_NO))
    # A user name, or "me" and "none" (the API's words); the queue offers them as a choice (assignee_choices).
    assignee = django_filters.CharFilter(method="by_assignee", label=_("Assignee"), max_length=150)
    overdue = StrictBooleanFilter(method="by_overdue", label=_("Overdue"), widget=forms.Select(choices=YES_NO))
    supervised = StrictBooleanFilter(label=_("Under supervision"), widget=forms.Select(choices=YES_NO))
    source = django_filters.ChoiceFilter(choices=Source.choices, label=_("Source"), empty_label=_("All"))
    # By code, as the courtyard: a district has thousands of grids (my grid and the grid dashboard link here).
    grid = django_filters.CharFilter(field_name="grid__code", label=_("Grid (code)"), max_length=40)
    dispatch_state = django_filters.ChoiceFilter(
        choices=DispatchState.choices[1:], label=_("Returned or transferred"), empty_label=_("All")
    )

    class Meta:
        model = Request
        fields = [
            "q",
            "status",
            "category",
            "community",
            "courtyard",
            "assignee",
            "overdue",
            "supervised",
            "source",
            "grid",
            "open",
            "dispatch_state",
        ]

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.form.fields["assignee"].widget = forms.Select(choices=assignee_choices(people))

    @property
    def active_count(self) -> int:
        """How many filters the person set: the folded 筛选 says so, so a short list is never a surprise."""
        data = self.form.data
        return sum(1 for name in self.filters if data.get(name) not in (None, ""))

    def search(self, queryset, name, value):
        # __contains, not __icontains: Chinese has no case, and LIKE keeps its index use simple.
        return queryset.filter(Q(title__contains=value) | Q(number__contains=value.upper()))

    def by_assignee(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assignee_id=getattr(self.request.user, "pk", None))
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee__username=value)

    def by_open(self, queryset, name, value):
        statuses = sorted(OPEN_STATUSES)
        return queryset.filter(status__in=statuses) if value else queryset.exclude(status__in=statuses)

    def by_overdue(self, queryset, name, value):
        if not value:
            return queryset.exclude(overdue_q())
        return overdue_visible(user=self.request.user, queryset=queryset) if self.request is not None else queryset.filter(overdue_q())


def assignee_choices(people) -> list[tuple[str, str]]:
    """The assignee filter as a person says it: anyone, 我, 未派单 (nobody yet), or a named person in scope."""
    named = [(person.username, str(person)) for person in people]
    return [
        ("", pgettext_lazy("assignee", "Anyone")),
        ("me", pgettext_lazy("assignee", "Me")),
        ("none", pgettext_lazy("assignee", "Not yet assigned")),
        *named,
    ]
