"""What each persona sees in every list, and what each write does to the rows, beside the status matrix.

Status codes cannot tell a scoped list from one showing everybody's rows, nor a refused change from one that
went through; these tests look at the answer's content and at the database (see tests/access/__init__.py).
"""

import json

import pytest
from django.db import transaction
from django.urls import reverse

from tests.access import PERSONAS, all_lists, all_routes, all_writes
from tests.test_access_matrix import _unnamed_url

LISTS = {route: listing if isinstance(listing, list) else [listing] for route, listing in all_lists().items()}
ROUTES = all_routes()
WRITES = all_writes()
EVERYONE = [p.removeprefix("demo_") for p in PERSONAS]


def login(client, demo, persona: str) -> None:
    client.logout()
    if persona != "anonymous":
        client.force_login(demo.personas[f"demo_{persona}"])


def url_of(route: str, kwargs: dict, query: str = "") -> str:
    url = reverse(route, kwargs=kwargs) if "/" not in route else _unnamed_url(route, kwargs)
    return f"{url}?{query}" if query else url


def haystack(response) -> str:
    """The answer as text: HTML as it is; a JSON list as `key=value` lines of each item's top-level fields."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    if "json" not in response.get("Content-Type", ""):
        return response.content.decode()
    data = json.loads(response.content)
    items = data.get("results", data) if isinstance(data, dict) else data
    items = items if isinstance(items, list) else [items]
    lines = [f"{k}={v}" for item in items if isinstance(item, dict) for k, v in item.items() if not isinstance(v, dict | list)]
    return "\n" + "\n".join(lines) + "\n"


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(LISTS))
def test_each_list_shows_each_persona_its_rows_and_no_others(route, demo, client):
    for listing in LISTS[route]:
        _check_listing(route, listing, demo, client)


def _check_listing(route, listing, demo, client) -> None:
    markers = {name: make(demo) for name, make in listing.rows.items()}
    url = url_of(route, listing.resolve_kwargs(demo), listing.query)
    shown = {}
    for persona in listing.sees:
        login(client, demo, persona)
        response = client.get(url)
        assert response.status_code == 200, f"{persona}: GET {url} -> {response.status_code}"
        text = haystack(response)
        shown[persona] = {name for name, marker in markers.items() if marker in text}
    assert shown == listing.sees, f"GET {url}: sentinels {markers}"


def list_routes() -> set[str]:
    """Every list the URL conf serves: admin changelists, API list actions, pages named like lists."""
    from django.contrib import admin

    from tests.access.lists import api_list_views
    from tests.access.page_lists import LIST_NAME

    changelists = {f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist" for m in admin.site._registry}
    api = {route for route, _model, _lookup in api_list_views()}
    pages = {route for route in ROUTES if not route.startswith(("admin", "api:")) and LIST_NAME.search(route)}
    return changelists | api | pages


def test_every_list_declares_its_sentinel_rows():
    missing = sorted(list_routes() - set(LISTS))
    assert not missing, f"lists without sentinel rows in tests/access/ (LISTS): {missing}"


@pytest.mark.parametrize("route", sorted(LISTS))
def test_each_list_checks_every_persona_the_matrix_lets_in(route):
    """A persona that gets the list (200 in the matrix) must have its rows declared, even if none."""
    let_in = {p.removeprefix("demo_") for p, status in ROUTES[route][0].expect.items() if status == 200}
    declared = set().union(*(listing.sees for listing in LISTS[route]))
    assert declared == let_in, f"{route}: sentinel expectations for {sorted(declared)}, the matrix lets in {sorted(let_in)}"


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


# Posts that write no row of ours: signing in and out, the language cookie, a token for a password.
NOT_WRITES = {"admin:logout", "accounts:logout", "set_language", "api:auth-token"}


def test_every_write_declares_a_valid_request():
    from tests.access.pending import PENDING

    missing = sorted(write_routes() - set(WRITES) - set(PENDING))
    assert not missing, f"writes without a valid request in tests/access/ (WRITES): {missing}"
    done = sorted(set(WRITES) & set(PENDING))
    assert not done, f"remove from tests/access/pending.py, they have WRITES now: {done}"
