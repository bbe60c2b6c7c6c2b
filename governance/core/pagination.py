"""The API's one pagination: limit/offset, with a ceiling on both so no value reaches the database unbounded."""

from django.conf import settings
from rest_framework.pagination import LimitOffsetPagination

# PostgreSQL's OFFSET is a bigint: a larger value was a 500. No list is near this long; beyond it a page is empty.
MAX_OFFSET = 1_000_000_000


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """A limit above API_MAX_PAGE_SIZE is cut to it; a negative, zero or non-numeric one means the default."""

    @property
    def max_limit(self) -> int:
        return settings.API_MAX_PAGE_SIZE

    def get_offset(self, request) -> int:
        return min(super().get_offset(request), MAX_OFFSET)
