"""What each persona sees in every list, and what each write does to the rows, beside the status matrix.

Status codes cannot tell a scoped list from one showing everybody's rows, nor a refused change from one that
went through; these tests look at the answer's content and at the database (see tests/access/__init__.py).
"""

import json

import pytest
from django.urls import reverse

from tests.access import all_lists, all_routes
from tests.test_access_matrix import _unnamed_url

LISTS = all_lists()
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
    listing = LISTS[route]
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
