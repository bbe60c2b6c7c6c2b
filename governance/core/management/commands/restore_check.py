"""After a restore: is this a whole portal database? Every migration applied, people present, rows counted.

The counts are printed one table a line (`label<TAB>rows`), sorted, so the same command run against the
source and the restored database gives two outputs a script (or a person) can compare with diff.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

PORTAL_PACKAGES = ("governance.", "courtyards", "committees", "associations")
ALSO_COUNTED = {"auditlog.LogEntry", "auth.Group"}  # the audit trail and sign-in state live outside our apps


class Command(BaseCommand):
    help = "Check a restored database: all migrations applied, users present, and the row count of every portal table."

    def handle(self, *args, **options):
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            raise CommandError(f"{len(pending)} migrations are not applied: this is not a complete portal database")
        counts = row_counts()
        if not counts.get("accounts.User"):
            raise CommandError("accounts.User is empty: the restore holds no people")
        for label, rows in counts.items():
            self.stdout.write(f"{label}\t{rows}")


def row_counts() -> dict[str, int]:
    models = [m for m in apps.get_models() if m.__module__.startswith(PORTAL_PACKAGES) or m._meta.label in ALSO_COUNTED]
    return {model._meta.label: model._base_manager.count() for model in sorted(models, key=lambda m: m._meta.label)}
