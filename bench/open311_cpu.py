"""Worker CPU of one Open311 requests.json answer of 100 rows, on ~10,000 generated requests.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chenghua_bench_open311 SECRET_KEY=bench \
        CACHE_URL=redis://127.0.0.1:6379/4 .venv/bin/python bench/open311_cpu.py [--requests 10000] [--n 200]

Creates (once) a scratch database with the demo district plus N requests, 100 a day over the last
100 days, each with three timeline events (the resident's, a public staff note, an internal one)
and every tenth with a public photo row. Then it asks for one day (00:00 to 23:59:59: exactly
100 rows) through Django's test client and reports time.process_time() per GET (this process is
the worker: view, ORM, rendering, the whole middleware stack), the queries per GET and the bytes.
Not a test: numbers depend on the machine. The same file ran against the code before issue 11
(with the columns it lacks left out) to give the "before" row of docs/performance.md.
"""

import argparse
import importlib
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "governance.settings")
os.environ.setdefault("SECRET_KEY", "bench")

import django

django.setup()

from datetime import timedelta  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from courtyards.models import Courtyard, District  # noqa: E402
from governance.accounts.models import User  # noqa: E402
from governance.requests.models import Category, Request, RequestPhoto, TimelineEvent  # noqa: E402
from governance.requests.open311 import views  # noqa: E402

DAYS = 100
MARK = "B311-"


def generate(total: int) -> None:
    call_command("migrate", verbosity=0)
    if not District.objects.exists():
        call_command("seed_demo", verbosity=0)
    if Request.objects.filter(number__startswith=MARK).exists():
        return
    resident, staff = User.objects.filter(username="demo_resident").first(), User.objects.filter(is_staff=True).first()
    courtyards, categories = list(Courtyard.objects.select_related("community")), list(Category.objects.filter(active=True))
    now, made = timezone.now(), []
    for i in range(total):
        yard = courtyards[i % len(courtyards)]
        due = now + timedelta(days=3)
        made.append(
            Request(
                number=f"{MARK}{i:07d}",
                resident=resident,
                category=categories[i % len(categories)],
                title=f"压测诉求{i}",
                text=f"压测诉求{i}：楼道灯坏了，晚上看不见路，请尽快修理。" * 2,
                status=["submitted", "accepted", "in_progress", "resolved", "closed"][i % 5],
                photos_public=i % 10 == 0,
                courtyard=yard,
                community=yard.community,
                street_id=yard.street_id,
                district_id=yard.district_id,
                latitude="30.657123",
                longitude="104.123456",
                owner_body="community",
                owner_label=yard.community.name,
                accept_due_at=due,
                resolve_due_at=due,
                owner_accept_due_at=due,
                owner_resolve_due_at=due,
            )
        )
    Request.objects.bulk_create(made, batch_size=2000)
    with connection.cursor() as cursor:  # 100 a day, at distinct times of the day (local time)
        cursor.execute(
            "UPDATE requests_request SET created_at = (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai')"
            f" - (id %% {DAYS}) * interval '1 day' + interval '8 hours' + (id %% 997) * interval '30 seconds')"
            " AT TIME ZONE 'Asia/Shanghai' WHERE number LIKE %s",
            [MARK + "%"],
        )
    ids = list(Request.objects.filter(number__startswith=MARK).values_list("pk", "photos_public"))
    events = []
    for pk, _photos in ids:
        events.append(TimelineEvent(request_id=pk, kind="submitted", actor=resident, to_status="submitted"))
        events.append(TimelineEvent(request_id=pk, kind="note", actor=staff, note=f"已安排物业电工上门维修（{pk}）"))
        events.append(TimelineEvent(request_id=pk, kind="note", actor=staff, note="内部：费用从维修基金出", public=False))
    TimelineEvent.objects.bulk_create(events, batch_size=5000)
    photos = [RequestPhoto(request_id=pk, code=uuid.uuid4(), image="requests/bench.jpg") for pk, public in ids if public]
    RequestPhoto.objects.bulk_create(photos, batch_size=2000)
    if any(f.name == "public_note" for f in Request._meta.fields):  # what migration 0011 fills for existing rows
        from django.apps import apps

        importlib.import_module("governance.requests.migrations.0011_open311_on_the_row")._keep_on_the_row(apps, None)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(client: Client, path: str, params: dict, n: int, **headers) -> dict:
    for _ in range(5):
        client.get(path, params, **headers)
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        answer = client.get(path, params, **headers)
    started = time.process_time()
    for _ in range(n):
        client.get(path, params, **headers)
    spent = (time.process_time() - started) / n
    rows = answer.content.count(b"<request>") if path.endswith(".xml") else len(answer.json()) if answer.content else 0
    return {"cpu_ms": round(spent * 1000, 2), "queries": len(queries), "rows": rows, "bytes": len(answer.content)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    generate(args.requests)
    views.READS_PER_MINUTE = 10**9  # the throttle is per address: the bench is one address
    day = (timezone.localdate() - timedelta(days=5)).isoformat()
    client = Client()
    one_day = {"start_date": f"{day}T00:00:00+08:00", "end_date": f"{day}T23:59:59+08:00"}
    for label, path, params in (
        ("requests.json, one day (100 rows)", "/open311/v2/requests.json", one_day),
        ("requests.xml, one day (100 rows)", "/open311/v2/requests.xml", one_day),
        ("requests.json, no parameters", "/open311/v2/requests.json", {}),
        ("discovery.json (bare Open311 view)", "/open311/v2/discovery.json", {}),
    ):
        figures = measure(client, path, params, args.n if params or "discovery" in path else max(args.n // 10, 10))
        print(f"| {label} | {figures['rows']} | {figures['bytes']:,} | {figures['queries']} | {figures['cpu_ms']} |")
    etag = client.get("/open311/v2/requests.json", one_day).get("ETag")
    if etag:  # a poll that changed nothing
        figures = measure(client, "/open311/v2/requests.json", one_day, args.n, HTTP_IF_NONE_MATCH=etag)
        print(f"| requests.json, one day, If-None-Match (304) | - | {figures['bytes']} | {figures['queries']} | {figures['cpu_ms']} |")


if __name__ == "__main__":
    main()
