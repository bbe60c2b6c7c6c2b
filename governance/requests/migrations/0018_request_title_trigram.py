"""pg_trgm and a GIN trigram index on the request's title, on PostgreSQL only.

The suggestions of similar open requests and the staff's merge list rank titles by pg_trgm's similarity
(`requests/similarity.py`); the index serves its `%` operator and the substring searches of 3 characters or
more. The embedded SQLite database (`make run`) has neither and uses shared terms alone. pg_trgm is a trusted
extension (PostgreSQL 13+): a database owner may create it without being a superuser.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "request_title_trgm"


def index_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON requests_request USING gin (title gin_trgm_ops)")


def index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("requests", "0017_timeline_need_done"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(index_create, index_drop, elidable=False),
    ]
