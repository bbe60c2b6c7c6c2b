import os

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from governance.settings import env_bool, env_int
from tests.environment import _run_alive, database_url_of_run


def test_the_suite_runs_on_postgresql(db):
    assert connection.vendor == "postgresql", "make test must run on PostgreSQL (DATABASE_URL)"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        assert cursor.fetchone()[0] == "UTF8"


def test_the_suite_uses_a_redis_broker():
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert settings.CELERY_TASK_ALWAYS_EAGER is False


def test_healthz_reports_database_and_broker(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "cache": "ok"}


def test_bad_setting_values_fail_loudly(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("DEBUG", default=False)
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured):
        env_int("EMAIL_PORT", 25)


def test_broker_visibility_timeout_covers_the_longest_task_twice():
    longest_task_seconds = 15 * 60  # a district report on a million residents, see docs/performance.md
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] >= 2 * longest_task_seconds
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST


def test_each_run_has_its_own_databases(db):
    """Two runs at once on one machine, with the same DATABASE_URL, never share a test database."""
    run = os.environ["TEST_RUN_ID"]
    assert run in connection.settings_dict["NAME"]
    assert database_url_of_run("postgres://postgres@127.0.0.1:5432/chenghua", "r42").endswith("/chenghua_r42")
    assert database_url_of_run("postgres://postgres@127.0.0.1:5432/chenghua_r42", "r42").endswith("/chenghua_r42")


def test_a_killed_runs_databases_are_dropped_by_the_next_run():
    assert not _run_alive("test_chenghua_r999999999_gw0")
    assert _run_alive(f"test_chenghua_r{os.getpid()}_gw1")
