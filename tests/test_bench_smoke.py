"""bench/load.py's route table, once, through the live server: every route answers and the table prints.

Not a timing test: 1 client and 2 requests per route, so a broken route or persona shows here
before anyone spends a benchmark run on it.
"""

import importlib
import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.test import Client, override_settings

from governance.requests.models import Request

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
load = importlib.import_module("load")
personas = importlib.import_module("personas")


def test_every_route_of_the_load_benchmark_answers_and_the_table_prints(live_server, demo_tx, settings):
    settings.REQUESTS_PER_RESIDENT_PER_DAY = settings.REQUESTS_PER_ADDRESS_PER_DAY = 1000
    cast = personas.cast()
    routes = load.route_table(cast)
    address = urlsplit(live_server.url)

    rows = load.run_table(address.hostname, address.port, routes, clients=1, requests=2)

    assert {row["route"]: (row["requests"], row["errors"]) for row in rows} == {route.name: (2, 0) for route in routes}
    assert Request.objects.filter(title="压测：楼道灯不亮", resident__username=cast.resident.username).count() == 2
    table = load.markdown(rows)
    assert all(f"| {route.name} | keep-alive |" in table for route in routes)
    assert rows[0]["route"] == load.BARE and rows[0]["ratio_to_bare"] == 1.0


def test_the_bare_view_answers_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/ping")
    assert response.json() == {"ok": True}


def test_bench_headers_are_off_by_default(client, db):
    response = client.get("/healthz/ping")
    assert "X-Queries" not in response.headers and "X-Worker" not in response.headers


def test_bench_headers_count_the_queries_of_the_request_and_name_the_worker(demo, settings):
    with override_settings(MIDDLEWARE=["governance.core.middleware.BenchHeadersMiddleware", *settings.MIDDLEWARE]):
        bare = Client().get("/healthz/ping")
        page = Client().get(f"/communities/{demo.xinhong.code}/")
    assert bare.headers["X-Queries"] == "0" and page.headers["X-Worker"].isdigit()
    assert int(page.headers["X-Queries"]) > 0


def test_bench_headers_go_only_to_a_client_on_this_machine(demo, settings):
    with override_settings(MIDDLEWARE=["governance.core.middleware.BenchHeadersMiddleware", *settings.MIDDLEWARE]):
        outside = Client(REMOTE_ADDR="203.0.113.7").get("/healthz/ping")
    assert outside.status_code == 200
    assert "X-Queries" not in outside.headers and "X-Worker" not in outside.headers
