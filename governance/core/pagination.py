"""The API's one pagination: limit/offset, strictly parsed and bounded, so no value reaches the database unbounded."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

# PostgreSQL's OFFSET is a bigint: a larger value was a 500. No list is near this long; beyond it a page is empty.
MAX_OFFSET = 1_000_000_000


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """`limit` and `offset` that are not whole numbers are a 400 with the reason, not the first page;
    a limit above API_MAX_PAGE_SIZE is cut to it, an offset past MAX_OFFSET is an empty page."""

    @property
    def max_limit(self) -> int:
        return settings.API_MAX_PAGE_SIZE

    def get_limit(self, request):
        if self.limit_query_param not in request.query_params:
            return self.default_limit
        return min(self._whole_number(request, self.limit_query_param, minimum=1), self.max_limit)

    def get_offset(self, request):
        if self.offset_query_param not in request.query_params:
            return 0
        return min(self._whole_number(request, self.offset_query_param, minimum=0), MAX_OFFSET)

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
