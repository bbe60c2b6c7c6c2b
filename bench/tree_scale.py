"""How the scoped unit list behaves as a street grows to district size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chenghua_bench SECRET_KEY=bench \
        .venv/bin/python bench/tree_scale.py 100000

Creates (once) a scratch database with the demo district plus N units under 双桥子街道, then
measures, for demo_street: queries and time of the first page of /manage/units/ and of
/api/v1/units/, and the PostgreSQL plan of "every unit under this street". Prints a Markdown row
for docs/performance.md. Not a test: numbers depend on the machine.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "governance.settings")
os.environ.setdefault("SECRET_KEY", "bench")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from courtyards.models import Building, Courtyard, Street, Unit  # noqa: E402
from governance.accounts.models import User  # noqa: E402


def grow(street: Street, target: int) -> None:
    have = Unit.objects.filter(street=street).count()
    if have >= target:
        return
    community = street.communities.first()
    courtyard, _ = Courtyard.objects.get_or_create(
        code="bench-cy", defaults={"name": "压测院落", "community": community, "street": street, "district_id": street.district_id}
    )
    per_building = 500
    units = []
    for b in range((target - have) // per_building + 1):
        building, _ = Building.objects.get_or_create(
            code=f"bench-b{have}-{b}",
            defaults={
                "name": f"压测{have}-{b}栋",
                "courtyard": courtyard,
                "community": community,
                "street": street,
                "district_id": street.district_id,
            },
        )
        units += [
            Unit(
                name=f"{i}单元",
                code=f"bench-{have}-{b}-{i}",
                building=building,
                courtyard=courtyard,
                community=community,
                street=street,
                district_id=street.district_id,
            )
            for i in range(per_building)
        ]
    Unit.objects.bulk_create(units[: target - have], batch_size=5000)


def measure(client: Client, url: str) -> tuple[int, float]:
    client.get(url)  # warm
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        for _ in range(10):
            assert client.get(url).status_code == 200
        elapsed = (time.perf_counter() - start) / 10
    return len(queries.captured_queries) // 10, elapsed * 1000


def main(target: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    street = Street.objects.get(code="shuangqiaozi")
    grow(street, target)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE courtyards_unit")
    client = Client()
    client.force_login(User.objects.get(username="demo_street"))
    page_q, page_ms = measure(client, "/manage/units/?street=shuangqiaozi&page=3")
    api_q, api_ms = measure(client, "/api/v1/units/?street=shuangqiaozi&limit=50&offset=100")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN SELECT id FROM courtyards_unit WHERE street_id = %s", [street.pk])
        plan = " / ".join(row[0].strip() for row in cursor.fetchall()[:2])
    units = Unit.objects.filter(street=street).count()
    print("| units under the street | page queries | page ms | API queries | API ms | plan |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(f"| {units:,} | {page_q} | {page_ms:.1f} | {api_q} | {api_ms:.1f} | {plan} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
