"""Query parameters of the API say no to what they cannot read, instead of silently ignoring it."""

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.rest_framework import FilterSet as ApiFilterSet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

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


class StrictLimitOffsetPagination(LimitOffsetPagination):
    """`limit` and `offset` that are not whole numbers are a 400 with the reason, not the first page."""

    def get_limit(self, request):
        if self.limit_query_param not in request.query_params:
            return self.default_limit
        return min(self._whole_number(request, self.limit_query_param, minimum=1), self.max_limit or 10**9)

    def get_offset(self, request):
        if self.offset_query_param not in request.query_params:
            return 0
        return self._whole_number(request, self.offset_query_param, minimum=0)

    @staticmethod
    def _whole_number(request, name: str, *, minimum: int) -> int:
        raw = request.query_params[name]
        if not raw.isascii() or not raw.isdigit() or int(raw) < minimum:
            raise ValidationError({name: [_("Give a whole number of at least %(n)d.") % {"n": minimum}]})
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1 if parameter["name"] == self.limit_query_param else 0
        return parameters
