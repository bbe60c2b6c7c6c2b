"""Load benchmark: gunicorn (gthread) + whitenoise on PostgreSQL + Redis, every route of issue 11 point 6
at a fixed concurrency, each against a bare JSON view measured in the same run (docs/performance.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chenghua_bench REDIS_URL=redis://127.0.0.1:6379/3 \
    CACHE_URL=redis://127.0.0.1:6379/4 SECRET_KEY=bench \
        .venv/bin/python bench/load.py --clients 16 --seconds 10 --mode both --json var/load.json

Starts gunicorn on a free port of 127.0.0.1 with BENCH_HEADERS=true (X-Queries, X-Worker), signs in a
resident, a street officer and a district admin picked by role (bench/personas.py), runs each route for
N requests or T seconds, and prints per route: rps, p50/p95/p99 in ms, worker CPU ms per request (utime +
stime of the workers from /proc, before and after the route), queries per request, errors, the ratio of
rps to the bare view and how the requests were spread over the workers. Stops gunicorn at the end.
`--reports` also times the report jobs against raw SQL (bench/report_timing.py). Not a test.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BARE = "bare view"
# The limits against floods would turn a load from one address into 429s: raised for the benchmark only.
UNLIMITED = {
    "API_ANON_RATE": "10000000/min",
    "API_USER_RATE": "10000000/min",
    "OPEN311_READS_PER_MINUTE": "10000000",
    "REQUESTS_PER_RESIDENT_PER_DAY": "10000000",
    "REQUESTS_PER_ADDRESS_PER_DAY": "10000000",
}


@dataclass
class Route:
    name: str
    path: str
    headers: dict = field(default_factory=dict)
    method: str = "GET"
    body: bytes | None = None
    expect: int = 200


def route_table(cast) -> list[Route]:
    """The routes of issue 11 point 6, the bare view first."""
    resident, officer, admin = cast.resident, cast.officer, cast.admin
    jar = cast.cookie_name
    filing = {"category": cast.category, "title": "压测：楼道灯不亮", "text": "负载测试提交的诉求。", "public": False}
    return [
        Route(BARE, "/healthz/ping"),
        Route("community page", f"/communities/{cast.community}/"),
        Route("public statistics", f"/communities/{cast.community}/requests/stats/"),
        Route("my requests (resident)", "/requests/mine/", resident.cookie(jar)),
        Route(
            "submit a request (API)",
            "/api/v1/requests/",
            {**resident.bearer(), "Content-Type": "application/json"},
            method="POST",
            body=json.dumps(filing).encode(),
            expect=201,
        ),
        Route("queue (street officer)", "/manage/requests/", officer.cookie(jar)),
        Route("queue ?overdue=true", "/manage/requests/?overdue=true", officer.cookie(jar)),
        Route("staff detail", f"/manage/requests/{cast.request_number}/", officer.cookie(jar)),
        Route("API list (street staff)", "/api/v1/requests/", officer.bearer()),
        Route("API list (district admin)", "/api/v1/requests/", admin.bearer()),
        Route("Open311 requests.json", "/open311/v2/requests.json"),
        Route("street dashboard", f"/manage/reports/street/{officer.node}/", officer.cookie(jar)),
    ]


@dataclass
class Result:
    route: str
    mode: str
    latencies: list = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    workers: Counter = field(default_factory=Counter)
    queries: list = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    cpu_ms: float | None = None

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0.0

    def row(self, bare_rps: float) -> dict:
        return {
            "route": self.route,
            "mode": self.mode,
            "requests": self.count,
            "rps": round(self.rps, 1),
            "p50_ms": round(self.percentile(0.50), 1),
            "p95_ms": round(self.percentile(0.95), 1),
            "p99_ms": round(self.percentile(0.99), 1),
            "cpu_ms_per_request": None if self.cpu_ms is None else round(self.cpu_ms / max(self.count, 1), 1),
            "queries_per_request": round(statistics.mean(self.queries), 1) if self.queries else None,
            "errors": self.errors,
            "ratio_to_bare": round(self.rps / bare_rps, 2) if bare_rps else None,
            "workers": dict(sorted(self.workers.items())),
        }


class Budget:
    """N requests or T seconds for one route, shared by every client thread."""

    def __init__(self, requests: int | None, seconds: float | None):
        self.left, self.deadline, self.lock = requests, time.monotonic() + seconds if seconds else None, threading.Lock()

    def take(self) -> bool:
        if self.deadline is not None and time.monotonic() >= self.deadline:
            return False
        with self.lock:
            if self.left is None:
                return True
            self.left -= 1
            return self.left >= 0


def _once(conn, route: Route, keepalive: bool):
    headers = {"Host": "127.0.0.1", **route.headers}
    if not keepalive:
        headers["Connection"] = "close"
    conn.request(route.method, route.path, body=route.body, headers=headers)
    response = conn.getresponse()
    response.read()
    return response


def _client(host, port, route: Route, keepalive: bool, budget: Budget, result: Result, lock) -> None:
    conn = None
    while budget.take():
        conn = conn if keepalive and conn is not None else http.client.HTTPConnection(host, port, timeout=60)
        started = time.perf_counter()
        try:
            response = _once(conn, route, keepalive)
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = None
            with lock:
                result.errors += 1
            continue
        _record(result, response, time.perf_counter() - started, route, lock)
        if not keepalive or response.will_close:
            conn.close()
            conn = None
    if conn is not None:
        conn.close()


def _record(result: Result, response, elapsed: float, route: Route, lock) -> None:
    with lock:
        result.latencies.append(elapsed)
        result.statuses[response.status] += 1
        result.errors += response.status != route.expect
        result.workers[response.getheader("X-Worker", "?")] += 1
        if response.getheader("X-Queries") is not None:
            result.queries.append(int(response.getheader("X-Queries")))


def measure(host, port, route: Route, *, clients: int, requests=None, seconds=None, keepalive=True, pids=()) -> Result:
    result, lock = Result(route.name, "keep-alive" if keepalive else "close"), threading.Lock()
    budget = Budget(requests, seconds)
    threads = [threading.Thread(target=_client, args=(host, port, route, keepalive, budget, result, lock)) for _ in range(clients)]
    before, started = cpu_ticks(pids), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    if pids:
        result.cpu_ms = (cpu_ticks(pids) - before) * 1000 / os.sysconf("SC_CLK_TCK")
    return result


def cpu_ticks(pids) -> int:
    """utime + stime of the processes, in clock ticks (fields 14 and 15 of /proc/<pid>/stat)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total


def run_table(host, port, routes, *, clients, requests=None, seconds=None, keepalive=True, pids=(), warmup=0) -> list[dict]:
    results = []
    for route in routes:
        if warmup:
            measure(host, port, route, clients=clients, requests=warmup, keepalive=keepalive)
        results.append(measure(host, port, route, clients=clients, requests=requests, seconds=seconds, keepalive=keepalive, pids=pids))
    bare = next((r.rps for r in results if r.route == BARE), 0.0)
    return [r.row(bare) for r in results]


def markdown(rows: list[dict]) -> str:
    head = "| route | mode | requests | rps | p50 ms | p95 ms | p99 ms | CPU ms/req | queries/req | errors | x bare |"
    lines = [head, "| --- | --- |" + " ---: |" * 9]
    for r in rows:
        cells = [r["requests"], r["rps"], r["p50_ms"], r["p95_ms"], r["p99_ms"], r["cpu_ms_per_request"]]
        cells += [r["queries_per_request"], r["errors"], r["ratio_to_bare"]]
        lines.append(f"| {r['route']} | {r['mode']} | " + " | ".join("-" if c is None else str(c) for c in cells) + " |")
    return "\n".join(lines)


def spread(rows: list[dict]) -> str:
    """How the requests of each route were shared among the workers (keep-alive can pin them to one)."""
    return "\n".join(f"  {r['mode']:<10} {r['route']:<28} " + ", ".join(f"{w}: {n}" for w, n in r["workers"].items()) for r in rows)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_command(port: int, workers: int, threads: int) -> list[str]:
    return [
        str(ROOT / ".venv/bin/gunicorn"),
        "governance.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        "--worker-class=gthread",
        f"--workers={workers}",
        f"--threads={threads}",
        "--keep-alive=5",
        "--log-level=warning",
    ]


def start_gunicorn(port: int, workers: int, threads: int) -> subprocess.Popen:
    env = {**os.environ, **UNLIMITED, "BENCH_HEADERS": "true", "DEBUG": "false"}
    # DEBUG off serves the collected, hashed files (settings.STATIC_MANIFEST), as a deployment does
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    command = gunicorn_command(port, workers, threads)
    print("gunicorn:", " ".join(command[1:]), flush=True)
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if len(worker_pids(server.pid)) == workers and _answers(port):
            return server
        time.sleep(0.3)
    stop(server)
    raise SystemExit("gunicorn did not come up within 60 s")


def _answers(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        return _once(conn, Route(BARE, "/healthz/ping"), keepalive=False).status == 200
    except OSError:
        return False


def worker_pids(master: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except FileNotFoundError:
        return []


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (at most 64)")
    parser.add_argument("--requests", type=int, help="requests per route (default: --seconds)")
    parser.add_argument("--seconds", type=float, help="seconds per route (at most 120; default 10 without --requests)")
    parser.add_argument("--warmup", type=int, default=20, help="requests per route before measuring")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--mode", choices=["keepalive", "close", "both"], default="both")
    parser.add_argument("--only", help="comma-separated substrings: run only routes whose name has one (the bare view always runs)")
    parser.add_argument("--json", type=Path, help="write the rows here as JSON")
    parser.add_argument("--reports", action="store_true", help="also time the report jobs against raw SQL")
    args = parser.parse_args(argv)
    if args.requests is None and args.seconds is None:
        args.seconds = 10.0
    if not 1 <= args.clients <= 64 or (args.seconds or 0) > 120:
        parser.error("stay bounded: 1-64 clients, at most 120 s per route")
    return args


def selected(routes: list[Route], only: str | None) -> list[Route]:
    if not only:
        return routes
    wanted = [w.strip().lower() for w in only.split(",")]
    return [r for r in routes if r.name == BARE or any(w in r.name.lower() for w in wanted)]


def main(argv=None) -> None:
    args = arguments(argv)
    import personas

    personas.setup()
    routes = selected(route_table(personas.cast()), args.only)
    modes = {"keepalive": [True], "close": [False], "both": [True, False]}[args.mode]
    port = free_port()
    print(f"clients={args.clients} requests={args.requests} seconds={args.seconds} warmup={args.warmup} modes={args.mode}")
    server = start_gunicorn(port, args.workers, args.threads)
    try:
        pids = worker_pids(server.pid)
        rows = []
        for keepalive in modes:
            rows += run_table(
                "127.0.0.1",
                port,
                routes,
                clients=args.clients,
                requests=args.requests,
                seconds=args.seconds,
                keepalive=keepalive,
                pids=pids,
                warmup=args.warmup,
            )
    finally:
        stop(server)
    print(markdown(rows))
    print("requests per worker (X-Worker):")
    print(spread(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2))
    if args.reports:
        import report_timing

        report_timing.main()


if __name__ == "__main__":
    main()
