"""A deployment starts only on production settings that Django's own deploy checklist accepts."""

import os
import secrets
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from governance import settings as portal_settings

from ...conftest import ROOT

PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "DEBUG": "false",
    "ALLOWED_HOSTS": "portal.chenghua.example.cn",
    "CSRF_TRUSTED_ORIGINS": "https://portal.chenghua.example.cn",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
    "SECURE_COOKIES": "true",
    "OTP_REQUIRED_FOR_STAFF": "true",
}


# What a deployment's environment would hold besides the settings under test; not the test run's own
# variables (DJANGO_ALLOW_ASYNC_UNSAFE, which Playwright needs, is itself a deploy-check error).
BASE = ["PATH", "HOME", "LANG", "DATABASE_URL", "REDIS_URL", "CACHE_URL", "SECRET_KEY", "DEBUG"]


def manage(*args: str, **env: str | None) -> subprocess.CompletedProcess:
    """manage.py in a fresh process: settings are read once per process, so only a new one sees new variables."""
    environment = {name: os.environ[name] for name in BASE if name in os.environ} | env
    environment = {name: value for name, value in environment.items() if value is not None}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


def test_production_settings_pass_the_deploy_checklist_with_warnings_as_failures():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_the_deploy_checklist_fails_when_https_is_not_configured():
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=PRODUCTION["SECRET_KEY"], DEBUG="false")
    assert result.returncode != 0
    for warning in ["security.W004", "security.W008", "security.W012", "security.W016"]:  # HSTS, redirect, both cookies
        assert warning in result.stderr


@pytest.mark.parametrize("secret_key", [None, "", "insecure-embedded-default-key-change-me-in-any-deployment"])
def test_the_portal_refuses_to_start_on_the_embedded_key_with_debug_off(secret_key):
    result = manage("check", SECRET_KEY=secret_key, DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is the embedded development key and DEBUG is off" in result.stderr


def test_a_development_run_may_use_the_embedded_key():
    result = manage("check", SECRET_KEY=None, DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_a_fresh_checkout_runs_the_commands_on_the_embedded_default_without_any_variable():
    result = manage("check", DATABASE_URL=None, REDIS_URL=None, CACHE_URL=None, SECRET_KEY=None, DEBUG=None)
    assert result.returncode == 0, result.stderr


def test_a_deployment_that_names_its_database_still_refuses_the_embedded_key():
    result = manage("check", DATABASE_URL="postgres://postgres@127.0.0.1:5432/chenghua", SECRET_KEY=None, DEBUG=None)
    assert result.returncode != 0
    assert "SECRET_KEY is the embedded development key and DEBUG is off" in result.stderr


def test_a_bad_https_setting_stops_the_start():
    result = manage("check", SECURE_HSTS_SECONDS="a year")
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS must be a whole number" in result.stderr


def test_the_proxy_header_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO, https")
    assert portal_settings.env_proxy_header("SECURE_PROXY_SSL_HEADER") == ("HTTP_X_FORWARDED_PROTO", "https")
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    with pytest.raises(ImproperlyConfigured, match="HTTP_X_FORWARDED_PROTO,https"):
        portal_settings.env_proxy_header("SECURE_PROXY_SSL_HEADER")
    monkeypatch.delenv("SECURE_PROXY_SSL_HEADER")
    assert portal_settings.env_proxy_header("SECURE_PROXY_SSL_HEADER") is None


@pytest.mark.django_db
def test_postgresql_keeps_the_join_order_the_orm_wrote():
    """Planning the queue's nine-join query cost 70-80 ms a page (docs/performance.md, "Planning")."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        assert cursor.fetchone()[0] == "1"
