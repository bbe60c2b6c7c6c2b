"""Query parameters of the API say no to what they cannot read, instead of silently ignoring it."""

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.rest_framework import FilterSet as ApiFilterSet

BOOLEAN_WORDS = {"true": True, "1": True, "false": False, "0": False}


class StrictBooleanField(forms.NullBooleanField):
    """Empty means "either"; true/false/1/0 filter; anything else is an error, not "either"."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        try:
            return BOOLEAN_WORDS[str(value).lower()]
        except KeyError:
            raise forms.ValidationError(_("Use true or false."), code="invalid") from None

    def validate(self, value):
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput)  # Django's yes/no widget would read "maybe" as "either"
        super().__init__(*args, **kwargs)


class StrictFilterSet(ApiFilterSet):
    """The base of the FilterSets DRF builds from `filterset_fields`: boolean fields filter strictly."""

    FILTER_DEFAULTS = {**ApiFilterSet.FILTER_DEFAULTS, models.BooleanField: {"filter_class": StrictBooleanFilter}}


class StrictFilterBackend(DjangoFilterBackend):
    filterset_base = StrictFilterSet
