"""A part of the stack is down: the portal answers 503 with Retry-After in the client's own body, never a 500.

Each test starts the real portal under gunicorn with one part pointed at a port where nothing listens
(the database, the cache, or the broker), and reads what a browser, an API client and an Open311
client get back.
"""

import http.client
import json
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
HTML = {"Accept": "text/html", "Accept-Language": "zh-CN"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def answer(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


@pytest.fixture
def portal_with():
    """Start gunicorn with some settings overridden; stopped after the test."""
    servers = []

    def start(**overrides) -> int:
        port = free_port()
        env = {**os.environ, "DEBUG": "false", "DATABASE_URL": test_database_url(), **overrides}
        command = [str(ROOT / ".venv/bin/gunicorn"), "governance.wsgi:application", f"--bind=127.0.0.1:{port}", "--workers=1"]
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        servers.append(server)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                answer(port, "/healthz/ping")
                return port
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not come up")

    yield start
    for server in servers:
        server.terminate()
        server.wait(15)


def dead(scheme: str) -> str:
    return f"{scheme}127.0.0.1:{free_port()}/0"


@pytest.mark.django_db(transaction=True)
def test_with_the_database_down_every_client_reads_a_503_it_can_retry(demo_tx, portal_with):
    port = portal_with(DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/chenghua")

    status, headers, body = answer(port, "/", HTML)
    assert (status, headers["retry-after"]) == (503, "30")
    assert "平台暂时无法使用" in body and "12345" in body, "a translated page, with the hotline"

    status, headers, body = answer(port, "/api/v1/requests/", {"Authorization": "Token 0123456789abcdef"})
    assert (status, headers["retry-after"], headers["content-type"]) == (503, "30", "application/json")
    assert json.loads(body)["code"] == "service_unavailable"

    status, headers, body = answer(port, "/open311/v2/services.json")
    assert (status, headers["retry-after"]) == (503, "30")
    assert json.loads(body)[0]["code"] == 503

    status, headers, body = answer(port, "/healthz")
    assert status == 503 and json.loads(body) == {"database": "down", "broker": "ok", "cache": "ok"}


@pytest.mark.django_db(transaction=True)
def test_with_the_cache_down_pages_are_not_a_500_and_healthz_names_the_cache(demo_tx, portal_with):
    port = portal_with(CACHE_URL=dead("redis://"))
    for path in ["/", "/communities/xinhong/", "/api/v1/requests/", "/open311/v2/services.json"]:
        status, headers, _body = answer(port, path, HTML)
        assert status in {200, 401, 403, 503}, f"{path}: {status}"
        if status == 503:
            assert headers["retry-after"] == "30"
    status, _headers, body = answer(port, "/healthz")
    assert status == 503 and json.loads(body)["cache"] == "down"


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_pages_answer_and_healthz_names_the_broker(demo_tx, portal_with):
    port = portal_with(REDIS_URL=dead("redis://"))
    status, _headers, body = answer(port, "/", HTML)
    assert status == 200 and "成华区" in body
    status, _headers, body = answer(port, "/healthz")
    assert status == 503 and json.loads(body) == {"database": "ok", "broker": "down", "cache": "ok"}
