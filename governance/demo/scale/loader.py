"""Writing generated rows fast: COPY on PostgreSQL (secondary indexes dropped first and built after),
batched INSERTs on any other database. Rows are dicts keyed by column (attname); ids are chosen by
the generator (`Ids`), so a row can point at another before either is written."""

import csv
import io
import json
import time
from datetime import datetime

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max, Model

BATCH = 20_000


class Ids:
    """The next free primary key of each model, read once."""

    def __init__(self):
        self._next: dict[type[Model], int] = {}

    def take(self, model: type[Model]) -> int:
        if model not in self._next:
            self._next[model] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        value = self._next[model]
        self._next[model] = value + 1
        return value


def _defaults(model: type[Model], now: datetime) -> dict:
    """Each column's value when a row leaves it out: the field default, or `now` for auto timestamps."""
    values = {}
    for field in model._meta.concrete_fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values[field.attname] = now
        elif field.has_default() and not callable(field.default):
            values[field.attname] = field.default
        else:
            values[field.attname] = None if field.null else field.get_default()
    return values


NULL = "\\N"  # COPY's NULL marker: an empty CSV field would be ambiguous with an empty string


def _cell(value):
    """What the CSV writer cannot write as PostgreSQL reads it: NULL and JSON."""
    if value is None:
        return NULL
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


class Writer:
    """Buffers the rows of one model and writes them in batches."""

    def __init__(self, model: type[Model], now: datetime, on_write=None):
        self.model, self.on_write = model, on_write
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.defaults = _defaults(model, now)
        self.pairs = [(f.attname, self.defaults[f.attname]) for f in self.fields]
        self.rows: list[dict] = []
        self.count = 0
        self.seconds = 0.0  # spent writing, for the timings in docs/performance.md

    def add(self, row: dict) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        started = time.monotonic()
        (_copy if connection.vendor == "postgresql" else _insert)(self, self.rows)
        self.seconds += time.monotonic() - started
        self.count += len(self.rows)
        if self.on_write:
            self.on_write(self.model, len(self.rows))
        self.rows = []

    def values(self, row: dict) -> list:
        get = row.get
        return [get(name, default) for name, default in self.pairs]


def _copy(writer: Writer, rows: list[dict]) -> None:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerows([[v if v is not None and v.__class__ is not dict else _cell(v) for v in writer.values(row)] for row in rows])
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(c) for c in writer.columns)
    table = connection.ops.quote_name(writer.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')", buffer)


def _insert(writer: Writer, rows: list[dict]) -> None:
    fields = writer.fields
    prepared = [[f.get_db_prep_save(v, connection) for f, v in zip(fields, writer.values(row), strict=True)] for row in rows]
    table = connection.ops.quote_name(writer.model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in writer.columns)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", prepared)


def sequences_reset(models: list[type[Model]]) -> None:
    """Explicit ids leave PostgreSQL's identity sequences behind: move them past the rows written."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def secondary_indexes_drop(models: list[type[Model]]) -> list[str]:
    """Drop the plain indexes (not the primary key, not unique constraints) of `models`; returns their definitions."""
    if connection.vendor != "postgresql":
        return []
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [tables],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [definition for _name, definition in found]


def indexes_build(definitions: list[str]) -> None:
    if not definitions:
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for definition in definitions:
            cursor.execute(definition)


def foreign_key_checks_defer() -> None:
    """The generator's rows point only at rows it wrote: skip the per-row foreign key triggers while loading."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")


def analyze(models: list[type[Model]]) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
