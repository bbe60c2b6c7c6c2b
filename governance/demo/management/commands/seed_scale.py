from datetime import UTC, datetime

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from courtyards.models import District
from governance.demo.scale.build import district_build
from governance.demo.scale.plan import plan_for
from governance.demo.scale.run import Progress


def _until(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def vacuum(rows: dict[str, int]) -> None:
    """Outside the loading transaction (VACUUM cannot run in one): autovacuum would take hours to reach every table."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:  # a caller's transaction (the tests): skipped
        return
    with connection.cursor() as cursor:
        for label in rows:
            cursor.execute(f"VACUUM {connection.ops.quote_name(apps.get_model(label)._meta.db_table)}")


class Command(BaseCommand):
    help = "Generate a district at SCALE (1.0 = Chenghua today: 39,675 units, 138,863 residents, 1.5 million requests)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--totals", help="write the known totals (per street and district) to this JSON file")
        parser.add_argument("--until", type=_until, help="the generated world ends here (UTC, ISO date); default: today 00:00 UTC")

    def handle(self, *args, scale, seed, totals, until, **options):
        if scale <= 0:
            raise CommandError("--scale must be above 0.")
        if District.objects.filter(code=f"scale-{seed}").exists():
            raise CommandError(f"A district of seed {seed} is already here (code scale-{seed}): use another --seed or a fresh database.")
        now = until or timezone.now().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        plan = plan_for(scale=scale, seed=seed, now=now)
        progress = Progress(stream=self.stderr)
        with transaction.atomic():
            known = district_build(plan, progress)
        progress.step("VACUUM: the visibility map a live database has, so index-only scans are measured as they run")
        vacuum(known.rows)
        if totals:
            known.write(totals, scale=scale, seed=seed, until=now.isoformat(), counts=plan.counts)
        elapsed = progress.elapsed()
        self.stdout.write(
            self.style.SUCCESS(f"District scale-{seed} at scale {scale}: {sum(known.rows.values()):,} rows in {elapsed:.1f} s.")
        )
