"""Does exporting the request queue keep the web process's memory flat? (issue 6)

Usage, from the worktree root (PostgreSQL on 127.0.0.1, a scratch database is created and reused):

    .venv/bin/python bench/export_memory.py                # 1,000 and 100,000 rows, CSV and XLSX
    .venv/bin/python bench/export_memory.py --rows 1000 20000 --formats csv

For each size the script fills the scratch database with that many requests (bulk insert),
then, in a fresh Python process per measurement (so earlier work does not hide in the peak),
signs in as demo_admin with Django's test client, asks for /manage/requests/export.<fmt>,
and reads the streamed body chunk by chunk. It records the process's peak RSS before the
request and after the last chunk (resource.getrusage ru_maxrss) and the peak of Python
allocations during the export (tracemalloc, with --trace). `--naive` measures, for contrast, building the
same CSV from model instances in one string, which is what the streaming avoids.
Results: printed and written to bench/results/export_memory.json. Not a timed test.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/chenghua_bench_export"


def _django(database_url: str):
    os.environ.update(DATABASE_URL=database_url, DEBUG="false", SECRET_KEY=os.environ.get("SECRET_KEY", "bench"))
    os.environ.pop("REDIS_URL", None)  # tasks run eagerly; nothing is dispatched by the export
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "governance.settings")
    import django

    django.setup()


def _create_database(database_url: str) -> None:
    import psycopg2

    name = database_url.rsplit("/", 1)[1]
    connection = psycopg2.connect(database_url.rsplit("/", 1)[0] + "/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}" ENCODING UTF8 TEMPLATE template0')
    connection.close()


def prepare(database_url: str, rows: int) -> None:
    """Schema, the demo district, and exactly `rows` requests."""
    _create_database(database_url)
    _django(database_url)
    from django.core.management import call_command

    from governance.requests.models import Request

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    from django.db import connection

    with connection.cursor() as cursor:  # TRUNCATE: an ORM delete would write an audit entry per row
        cursor.execute(f"TRUNCATE {Request._meta.db_table} RESTART IDENTITY CASCADE")
    _bulk_requests(rows)


def _bulk_requests(rows: int) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from courtyards.models import Community
    from governance.accounts.models import User
    from governance.requests.models import Category, Request

    category, _ = Category.objects.get_or_create(code="bench", defaults={"name_zh": "基准测试", "name_en": "bench"})
    communities = list(Community.objects.all())
    resident = User.objects.get(username="demo_resident")
    now = timezone.now()
    batch = []
    for n in range(rows):
        community = communities[n % len(communities)]
        batch.append(
            Request(
                number=f"B-{n:08d}",
                resident=resident,
                category=category,
                title=f"基准测试诉求 {n}",
                text="用于测量导出的内存",
                community=community,
                street_id=community.street_id,
                district_id=community.district_id,
                owner_body="community",
                owner_label=community.name,
                accept_due_at=now + timedelta(hours=24),
                resolve_due_at=now + timedelta(days=7),
            )
        )
        if len(batch) == 5000:
            Request.objects.bulk_create(batch)
            batch = []
    Request.objects.bulk_create(batch)


def measure(database_url: str, fmt: str, naive: bool, trace: bool) -> dict:
    """One export in this (fresh) process."""
    import resource
    import tracemalloc

    _django(database_url)
    from django.test import Client

    from governance.accounts.models import User
    from governance.requests.models import Request

    client = Client()
    client.force_login(User.objects.get(username="demo_admin"))
    client.get("/manage/reports/")  # warm up: URL conf, templates, middleware
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    started = time.monotonic()
    size = chunks = 0
    if naive:
        rows = Request.objects.select_related("category", "community")
        body = "\n".join(",".join(str(v) for v in (r.number, r.created_at, r.category.code, r.status, r.community.name)) for r in rows)
        size, chunks = len(body.encode()), 1
    else:
        response = client.get(f"/manage/requests/export.{fmt}")
        assert response.status_code == 200, response.status_code
        for chunk in response.streaming_content:
            size += len(chunk)
            chunks += 1
        response.close()
    seconds = time.monotonic() - started
    python_peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "rows": Request.objects.count(),
        "format": "naive-csv" if naive else fmt,
        "bytes": size,
        "chunks": chunks,
        "seconds": round(seconds, 2),
        "peak_rss_before_mib": round(rss_before / 1024, 1),
        "peak_rss_after_mib": round(rss_after / 1024, 1),
        "peak_rss_growth_mib": round((rss_after - rss_before) / 1024, 1),
        "python_alloc_peak_mib": round(python_peak / 2**20, 1) if trace else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--formats", nargs="+", default=["csv", "xlsx"])
    parser.add_argument("--naive", action="store_true", help="also measure the non-streaming contrast")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--trace", action="store_true", help="also record the peak of Python allocations (tracemalloc; slow)")
    parser.add_argument("--child", nargs=3, metavar=("FORMAT", "NAIVE", "TRACE"), help=argparse.SUPPRESS)
    parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.database_url, args.child[0], args.child[1] == "1", args.child[2] == "1")))
        return
    if args.prepare is not None:
        prepare(args.database_url, args.prepare)
        return
    results = []
    for rows in args.rows:
        subprocess.run([sys.executable, __file__, "--database-url", args.database_url, "--prepare", str(rows)], check=True)
        runs = [(fmt, "0") for fmt in args.formats] + ([("csv", "1")] if args.naive else [])
        for fmt, naive in runs:
            out = subprocess.run(
                [sys.executable, __file__, "--database-url", args.database_url, "--child", fmt, naive, "1" if args.trace else "0"],
                check=True,
                capture_output=True,
                text=True,
            )
            result = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(result)
            print(json.dumps(result))
    target = ROOT / "bench" / "results" / "export_memory.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
