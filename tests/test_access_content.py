"""What each persona sees in every list, and what each write does to the rows, beside the status matrix.

Status codes cannot tell a scoped list from one showing everybody's rows, nor a refused change from one that
went through; these tests look at the answer's content and at the database (see tests/access/__init__.py).
"""

import json

import pytest
from django.urls import reverse

from tests.access import all_lists, all_routes
from tests.test_access_matrix import _unnamed_url

LISTS = {route: listing if isinstance(listing, list) else [listing] for route, listing in all_lists().items()}
ROUTES = all_routes()


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
