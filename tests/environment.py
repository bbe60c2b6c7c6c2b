"""Loaded with `-p tests.environment`, before Django reads its settings.

Each xdist worker gets its own Celery queue, so a worker process started by one test
session never takes a task that refers to another session's test database. Each run gets its
own databases: two runs on one machine with the same DATABASE_URL would otherwise both create,
fill and drop `test_chenghua_gw0`.
"""

import os
from urllib.parse import urlsplit, urlunsplit

worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
# Set by the controlling process before xdist starts its workers, which inherit it: one id a run.
run = os.environ.setdefault("TEST_RUN_ID", f"r{os.getpid()}")


def database_url_of_run(url: str, run: str) -> str:
    """The run's own database name (pytest-django adds `test_` and the xdist worker's suffix)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name.endswith(f"_{run}"):
        return url
    return urlunsplit(parts._replace(path=f"/{name}_{run}"))


if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.environ["DATABASE_URL"] = database_url_of_run(os.environ["DATABASE_URL"], run)
os.environ["CELERY_QUEUE"] = f"portal-test-{worker}-{os.getpid()}"
os.environ["CACHE_KEY_PREFIX"] = f"test-{worker}-{os.getpid()}"  # parallel sessions share one Redis cache
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop in the test thread
os.environ.setdefault("SMS_BACKEND", "governance.core.sms.OutboxSMSBackend")
# The tests serve static files as they lie in the apps (no collectstatic per session); the production storage,
# hashed names and compressed copies, is tested on a collectstatic of its own (tests/governance/core/test_static_files.py).
os.environ.setdefault("STATIC_MANIFEST", "false")


def _run_alive(name: str) -> bool:
    """Whether the run that made the database `name` (…_r<pid>[_gwN]) still has its process."""
    pid = name.rsplit("_r", 1)[-1].split("_")[0]
    if not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def pytest_sessionstart(session):
    """Drop the test databases that killed runs left behind (a finished run drops its own)."""
    url = os.environ.get("DATABASE_URL", "")
    if worker != "main" or not url.startswith("postgres"):
        return
    import psycopg2

    parts = urlsplit(url)
    base = parts.path.lstrip("/").rsplit(f"_{run}", 1)[0]
    try:
        admin = psycopg2.connect(dbname="postgres", user=parts.username, host=parts.hostname, port=parts.port or 5432)
    except psycopg2.OperationalError:
        return  # the first test that needs the database says so
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"test_{base}_r%"])
        for (name,) in cursor.fetchall():
            if not _run_alive(name):
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()
