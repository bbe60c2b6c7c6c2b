"""What each write does to the rows: one valid request per persona, rows compared before and after.

A refused write and one that went through can both answer with a redirect; these tests look at the
database instead (see tests/access/__init__.py). Each persona's attempt is undone in a savepoint.
"""

import pytest
from django.db import transaction

from tests.access import PERSONAS, all_routes, all_writes
from tests.test_access_content import login, url_of

ROUTES = all_routes()
WRITES = all_writes()
EVERYONE = [p.removeprefix("demo_") for p in PERSONAS]


def snapshot(rows) -> list[dict]:
    """The rows' columns (a login's own timestamp aside), comparable before and after a write."""
    rows = rows.all()  # a fresh query each time
    return [{k: v for k, v in row.items() if k != "last_login"} for row in rows.order_by("pk").values()]


def send(client, write, url: str, data: dict):
    if write.json:
        return getattr(client, write.method)(url, data, content_type="application/json")
    return getattr(client, write.method)(url, data)


def _changed_for(route, write, demo, client, persona: str) -> bool:
    """Send the write as `persona` in a savepoint, and undo it: did the rows change?"""
    savepoint = transaction.savepoint()
    try:
        target = write.target(demo)
        login(client, demo, persona)
        url, data = url_of(route, write.kwargs(demo, target)), write.data(demo, target)
        before = snapshot(write.rows_of(demo, target))
        response = send(client, write, url, data)
        assert response.status_code < 500, f"{persona}: {write.method.upper()} {url} -> {response.status_code}"
        return snapshot(write.rows_of(demo, target)) != before
    finally:
        transaction.savepoint_rollback(savepoint)


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(WRITES))
def test_each_write_changes_rows_for_those_who_may_and_for_nobody_else(route, demo, client):
    for write in WRITES[route]:
        changed = {persona for persona in EVERYONE if _changed_for(route, write, demo, client, persona)}
        assert changed == write.changes, f"{route} {write.note}: rows changed for {sorted(changed)}, expected {sorted(write.changes)}"


@pytest.mark.django_db
def test_community_staff_cannot_make_a_resident_of_their_area_a_superuser(demo, client):
    """The hole the status matrix missed: the User admin offered 新鸿社区's staff the superuser box."""
    from tests.access.admin_writes import POWERS, admin_url, filled_form

    form = filled_form(demo, demo.resident)
    client.force_login(demo.community)
    client.post(admin_url(demo.resident, "change"), {**form, **POWERS, "_save": "保存"})
    demo.resident.refresh_from_db()
    assert (demo.resident.is_superuser, demo.resident.is_staff) == (False, False)
    assert not demo.resident.groups.exists() and not demo.resident.user_permissions.exists()


def write_routes() -> set[str]:
    """Every write: a POST row of the matrix, each admin's add/change/delete, each API action that writes."""
    from django.contrib import admin

    posted = {route for route, cases in ROUTES.items() if any(case.method != "get" for case in cases)}
    admin_forms = {
        f"admin:{m._meta.app_label}_{m._meta.model_name}_{view}" for m in admin.site._registry for view in ("add", "change", "delete")
    }
    return (posted | admin_forms | _api_writes()) - NOT_WRITES


def _api_writes() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and set(getattr(pattern.callback, "actions", None) or {}) - {"get", "head", "options"}:
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns))


# Posts that write no row of ours: signing in and out, a token for a password.
NOT_WRITES = {"admin:logout", "accounts:logout", "api:auth-token"}


def test_every_write_declares_a_valid_request():
    missing = sorted(write_routes() - set(WRITES))
    assert not missing, f"writes without a valid request in tests/access/ (WRITES): {missing}"
