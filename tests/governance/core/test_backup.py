"""An operator backs the portal's database up, restores it into an empty database and checks the copy."""

import os
import subprocess
import uuid

import psycopg2
import pytest
from django.db import connection

from ...conftest import ROOT


def database_url(name: str) -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def run(*command: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=300)


def admin_sql(sql: str) -> None:
    db = connection.settings_dict
    admin = psycopg2.connect(dbname="postgres", user=db["USER"], host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql)
    admin.close()


@pytest.fixture
def empty_database():
    """A fresh database with a name no other run on this machine uses, dropped afterwards whatever happens."""
    name = f"restore_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    admin_sql(f'CREATE DATABASE "{name}"')
    yield name
    admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restore_check(url: str) -> str:
    result = run(".venv/bin/python", "manage.py", "restore_check", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_backup_restores_into_an_empty_database_with_every_row(demo_tx, empty_database, tmp_path):
    source = database_url(
        connection.settings_dict["NAME"]
    )  # the test database, with the demo district committed (demo_tx reloads it if a flush emptied it)
    backup = run("bash", "scripts/backup.sh", str(tmp_path / "portal.dump"), DATABASE_URL=source)
    assert backup.returncode == 0, backup.stderr
    assert backup.stdout.strip() == str(tmp_path / "portal.dump")

    restore = run("bash", "scripts/restore.sh", str(tmp_path / "portal.dump"), database_url(empty_database))
    assert restore.returncode == 0, restore.stderr
    counts = dict(line.split("\t") for line in restore.stdout.strip().splitlines()[1:])  # after check's one line
    assert int(counts["accounts.User"]) >= 7 and int(counts["courtyards.Unit"]) > 0 and int(counts["requests.Request"]) > 0
    assert restore_check(database_url(empty_database)) == restore_check(source), "every table has the source's rows"

    again = run("bash", "scripts/restore.sh", str(tmp_path / "portal.dump"), database_url(empty_database))
    assert again.returncode == 1
    assert "refusing to restore: the target database is not empty" in again.stderr
    assert restore_check(database_url(empty_database)) == restore_check(source), "the refused restore changed nothing"


def test_a_timestamped_backup_lands_in_the_backup_directory(db, tmp_path):
    result = run("bash", "scripts/backup.sh", DATABASE_URL=database_url(connection.settings_dict["NAME"]), BACKUP_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = result.stdout.strip()
    assert written.startswith(str(tmp_path / "portal-")) and written.endswith("Z.dump")
    listing = run("pg_restore", "--list", written)
    assert "TABLE DATA public requests_request" in listing.stdout
    assert not list(tmp_path.glob("*.partial"))


def test_the_restore_check_refuses_a_database_without_the_portals_tables(empty_database):
    result = run(".venv/bin/python", "manage.py", "restore_check", DATABASE_URL=database_url(empty_database))
    assert result.returncode != 0
    assert "migrations are not applied" in result.stderr
