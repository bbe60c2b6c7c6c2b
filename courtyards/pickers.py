"""Pickers that name places fully: 新鸿南路院落 2栋 1单元, never a column of "1单元".

One label per level (the models' ``full_name``, built from the parent rows), and the fields that
join those parents in the queryset they are given, so a picker of 500 units costs one query as
one of 5 does. A lower app's forms and a higher app's alike use them (``PlaceChoiceField``).
"""

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from .models import Building, Courtyard, Grid, Household, Unit

# What each level's full name reads, joined in the same query as the options.
LABEL_RELATED = {
    Unit: ("building", "courtyard"),
    Building: ("courtyard",),
    Courtyard: ("community",),
    Grid: ("community",),
    Household: ("unit__building", "unit__courtyard"),
}
# Where lists grow long (units of a community, households) a picker offers a search.
LONG_LIST = 30


def labelled(queryset: QuerySet) -> QuerySet:
    """`queryset` with the rows its options' full names read."""
    related = LABEL_RELATED.get(queryset.model)
    return queryset.select_related(*related) if related else queryset


def place_label(place) -> str:
    return getattr(place, "full_name", None) or str(place)


def matching(queryset: QuerySet, text: str) -> QuerySet:
    """Places whose name or a parent's name holds each word typed: "南路 2栋 1" finds 新鸿南路院落 2栋 1单元."""
    for word in text.split():
        query = Q(name__icontains=word) | Q(code__icontains=word)
        for path in LABEL_RELATED.get(queryset.model, ()):
            query |= Q(**{f"{path}__name__icontains": word})
        queryset = queryset.filter(query)
    return queryset


class _Labelled:
    """Joins the label's parents to whatever queryset the form sets, and labels each option fully."""

    def _set_queryset(self, queryset):
        super()._set_queryset(None if queryset is None else labelled(queryset))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj) -> str:
        return place_label(obj)


class PlaceChoiceField(_Labelled, forms.ModelChoiceField):
    pass


class PlaceMultipleChoiceField(_Labelled, forms.ModelMultipleChoiceField):
    pass


class PlaceChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = PlaceChoiceField
