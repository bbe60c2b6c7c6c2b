"""Several counts or sums of unrelated querysets in one round trip: `SELECT (SELECT COUNT(*) FROM (...)), (...)`.

A dashboard section counts committees, members, meetings, associations, pledges...: each is an
indexed count of a few rows, and the cost is the round trips, not the rows. Each queryset keeps
its own filters (and scope), and the database still plans each subquery on its own indexes.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

COUNT = "(SELECT COUNT(*) FROM ({sql}) AS scalar_{n})"
SUM = "(SELECT SUM(scalar_{n}.{column}) FROM ({sql}) AS scalar_{n})"


def counts(**querysets: QuerySet) -> dict[str, int]:
    """COUNT(*) of each queryset (all on one database), by name, in one query."""
    return {name: int(value or 0) for name, value in counts_and_sums(counted=querysets).items()}


def counts_and_sums(*, counted: dict[str, QuerySet], summed: dict[str, QuerySet] | None = None) -> dict[str, object]:
    """The row count of each `counted` queryset and the sum of the one column each `summed` one selects
    (`.values("hours")`; None over no rows), by name, in one query."""
    items = [(name, qs, COUNT) for name, qs in counted.items()] + [(name, qs, SUM) for name, qs in (summed or {}).items()]
    if not items:
        return {}
    parts, params = [], []
    for _name, queryset, shape in items:
        try:
            sql, query_params = queryset.order_by().query.sql_with_params()
        except EmptyResultSet:  # a `.none()` or an empty `__in`: nothing there, no SQL to send
            parts.append("NULL")
            continue
        column = connections[queryset.db].ops.quote_name((queryset.query.values_select or ("id",))[0])
        parts.append(shape.format(sql=sql, n=len(parts), column=column))
        params.extend(query_params)
    with connections[items[0][1].db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return {name: value for (name, _qs, _shape), value in zip(items, row, strict=True)}


def count_of(queryset: QuerySet):
    """COUNT(*) of `queryset` (correlated to the outer row by an OuterRef) as a column: 0 where it has no row."""
    counted = queryset.order_by().annotate(group=Value(1)).values("group").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
