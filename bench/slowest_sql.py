"""The slowest SQL statement of each route of bench/load.py, in process (issue 11: a page's <= 20 ms, a dashboard's <= 50 ms).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chenghua_bench CACHE_URL=redis://127.0.0.1:6379/4 \
    SECRET_KEY=bench DEBUG=false .venv/bin/python bench/slowest_sql.py [--runs 5] [--json var/sql.json]

Signs in the same people as the load benchmark (bench/personas.py), asks each GET route once to warm the
caches, then `--runs` times through Django's test client with every statement captured, and prints per
route the queries, the SQL milliseconds of a request (median of the runs) and the slowest statement (its
worst time over the runs, and how it begins). Timings are what the ORM waited for: planning, execution and
fetching. Not a test.
"""

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import BARE, UNLIMITED, route_table
from personas import cast, setup


def measure(route, runs: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers=route.headers, HTTP_HOST="127.0.0.1")
    assert client.get(route.path).status_code == route.expect, route.path
    totals, statements = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            client.get(route.path)
        timed = [(float(query["time"]) * 1000, query["sql"]) for query in captured.captured_queries]
        totals.append(sum(ms for ms, _ in timed))
        statements += timed
    slowest_ms, slowest_sql = max(statements, default=(0.0, ""))
    queries = len(statements) // runs
    return {
        "route": route.name,
        "queries": queries,
        "sql_ms": round(statistics.median(totals), 1),
        "slowest_ms": round(slowest_ms, 1),
        "slowest": slowest_sql[:90],
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    options = parser.parse_args(argv)
    os.environ.update(UNLIMITED)
    setup()
    rows = [measure(route, options.runs) for route in route_table(cast()) if route.method == "GET" and route.name != BARE]
    print("| route | queries | SQL ms/request | slowest statement ms | it begins |")
    print("| --- | ---: | ---: | ---: | --- |")
    for row in rows:
        print(f"| {row['route']} | {row['queries']} | {row['sql_ms']} | {row['slowest_ms']} | `{row['slowest']}` |")
    if options.json:
        options.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
