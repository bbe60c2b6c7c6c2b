import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from governance.settings import env_bool, env_int


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
    assert response.json() == {"database": "ok", "broker": "ok"}


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
