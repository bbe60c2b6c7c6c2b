"""The API's one pagination: limit/offset, strictly parsed and bounded, so no value reaches the database unbounded."""

from functools import cached_property

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
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

    def get_count(self, queryset):
        """Capped (see capped_count), but always far enough to know whether a page follows this one."""
        if not hasattr(queryset, "query"):
            return len(queryset)
        reach = max(count_cap(), self.get_offset(self.request) + self.limit)  # DRF sets self.offset after the count
        counted = capped_count(queryset, at_least=reach)
        self.count_exact = counted <= reach
        return counted

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_exact"] = getattr(self, "count_exact", True)
        return response

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["properties"]["count_exact"] = {"type": "boolean", "description": "false: there are more than `count` rows"}
        return answer

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1 if parameter["name"] == self.limit_query_param else 0
        return parameters


def count_cap() -> int:
    return settings.LIST_COUNT_CAP


def capped_count(queryset, *, at_least: int = 0) -> int:
    """The number of rows, but read no further than the cap (or `at_least`) plus one: a result of
    `cap + 1` means "more than the cap". Wide scopes hold hundreds of thousands of rows; nobody pages there."""
    limit = max(count_cap(), at_least) + 1
    return queryset.order_by().values("pk")[:limit].count()


class CappedPaginator(Paginator):
    """Django's paginator, counting at most LIST_COUNT_CAP + 1 rows: past the cap the page says "10,000+"
    and the last page offered is the one that holds the cap."""

    @cached_property
    def count(self) -> int:
        if not hasattr(self.object_list, "query"):
            return len(self.object_list)
        return capped_count(self.object_list)

    @property
    def capped(self) -> bool:
        return self.count > count_cap()

    @property
    def count_label(self) -> str:
        """The count, or "10,000+" past the cap."""
        return f"{count_cap():,}+" if self.capped else f"{self.count:,}"

    @property
    def cap_label(self) -> str:
        return f"{count_cap():,}"


class EstimatedCountPaginator(CappedPaginator):
    """For admin changelists: an unfiltered table is counted by the planner's estimate
    (pg_class.reltuples, kept by autovacuum's ANALYZE), a filtered one by the capped count."""

    @cached_property
    def count(self) -> int:
        estimate = self._estimate()
        return estimate if estimate is not None and estimate > count_cap() else super().count

    def _estimate(self) -> int | None:
        query = getattr(self.object_list, "query", None)
        if query is None or query.where or connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [query.model._meta.db_table])
            row = cursor.fetchone()
        return int(row[0]) if row and row[0] > 0 else None
