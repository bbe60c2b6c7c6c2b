import io
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from governance.core.sms import OutboxSMSBackend

from .base import Demo, demo_load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo district, loaded once per test database and committed, so each test starts from it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def demo(db) -> Demo:
    """The seed's places and demo accounts (reloaded if a transactional test emptied the database)."""
    return demo_load()


@pytest.fixture
def demo_tx(transactional_db) -> Demo:
    return demo_load()


def cache_clear_own_keys() -> None:
    """Empty this session's part of the cache (throttle counters), leaving parallel sessions' alone."""
    prefix = settings.CACHES["default"].get("KEY_PREFIX")
    if not prefix:
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)


@pytest.fixture
def without_demo_requests(request):
    """For the figures tests that count every request of a place: start without the demo's dozen requests.

    The demo is loaded first (a transactional test may reload it), then its requests are deleted; the
    deletion is undone with the test's transaction, or by the flush after a transactional test.
    """
    loaded = [name for name in ("demo_tx", "demo") if name in request.fixturenames]
    if not loaded:
        return  # a test without the database has no requests to remove
    request.getfixturevalue(loaded[0])
    from governance.fieldwork.models import FieldEvent
    from governance.requests.models import Request

    FieldEvent.objects.filter(request__isnull=False).delete()  # an event keeps its request (PROTECT): it goes first
    Request.objects.all().delete()


@pytest.fixture(autouse=True)
def _clean_slate():
    cache_clear_own_keys()
    OutboxSMSBackend.outbox.clear()
    yield
    translation.deactivate()  # a page read in English leaves the thread in English: the next test starts in Chinese


@pytest.fixture(autouse=True)
def _second_factor_off(settings):
    """Tests sign staff in with force_login, which shows no TOTP code: the second factor is off unless a
    test turns it on (tests/governance/accounts/test_second_factor.py). No env var can do this: the
    settings refuse OTP_REQUIRED_FOR_STAFF=false on PostgreSQL with DEBUG off."""
    settings.OTP_REQUIRED_FOR_STAFF = False


@pytest.fixture
def sms_outbox():
    return OutboxSMSBackend.outbox


# --- a real Celery worker process --------------------------------------------------------


def _worker_env() -> dict:
    from django.db import connection

    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE, "PYTHONUNBUFFERED": "1"}


class WorkerProcess:
    """`celery worker` as a subprocess, consuming this session's queue against this session's test database."""

    def __init__(self, log_path: Path, queues: list[str] | None = None):
        self.log_path = log_path
        self.queues = queues or [settings.CELERY_TASK_DEFAULT_QUEUE, *settings.CELERY_QUEUES_BY_KIND.values()]
        self.name = f"test-{uuid.uuid4().hex[:12]}@localhost"  # asked by name: other runs' workers share the broker
        self.process = None

    def start(self) -> None:
        from governance.celery import app

        with app.connection_for_write() as conn:
            for queue in self.queues:
                conn.default_channel.queue_purge(queue)
        log = open(self.log_path, "ab")  # noqa: SIM115 - the worker writes to it until it stops
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "governance",
            "worker",
            "--pool=solo",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            f"--hostname={self.name}",
            "-Q",
            ",".join(self.queues),
            "-l",
            "info",
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=_worker_env(), stdout=log, stderr=subprocess.STDOUT)
        self._wait_for("ready.")

    def conf(self) -> dict:
        """The configuration the running worker really has, asked over the broker."""
        from governance.celery import app

        replies = app.control.inspect(destination=[self.name], timeout=5).conf() or {}
        assert replies, "the worker did not answer"
        return next(iter(replies.values()))

    def _wait_for(self, marker: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if marker in self.log_path.read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"celery worker did not start:\n{self.log_path.read_text(errors='replace')[-3000:]}")

    def kill(self) -> None:
        """SIGKILL, as when a machine dies: no chance to ack or clean up."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path_factory):
    """A worker for one test, stopped before that test's database is flushed.

    A worker left running would go on taking the tasks that later tests publish on commit and
    lock their rows while pytest-django truncates the tables: a deadlock. About 2 s per test.
    """
    worker = WorkerProcess(tmp_path_factory.mktemp("celery") / "worker.log")
    worker.start()
    yield worker
    worker.stop()


# --- a real browser ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A phone: the size most residents and field workers use."""
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}, "locale": "zh-CN", "is_mobile": True, "has_touch": True}
