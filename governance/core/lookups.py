"""Query expressions the ORM does not spell itself."""

from django.db.models import BooleanField, Func


class EqualsAnyOf(Func):
    """`column = ANY(ARRAY(subquery))` on PostgreSQL: the subquery runs once (an initplan) and the comparison stays an
    index condition even inside an OR, where `column IN (subquery)` becomes a per-row filter. Elsewhere, `IN (subquery)`."""

    arg_joiner = " = ANY(ARRAY"
    template = "%(expressions)s)"
    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return super().as_sql(compiler, connection, arg_joiner=" IN ", template="%(expressions)s", **extra_context)
        return super().as_sql(compiler, connection, **extra_context)
