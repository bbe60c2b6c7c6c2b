"""Every route of the URL conf, for anonymous and each demo account, answers as the matrix says."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import PERSONAS, all_routes

ROUTES = all_routes()


def walk(patterns, namespace: str = "", prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else route


def test_every_route_has_a_row_in_the_access_matrix():
    routes = set(walk(get_resolver().url_patterns))
    missing = sorted(routes - set(ROUTES))
    assert not missing, f"routes without a row in tests/access/: {missing}"
    stale = sorted(set(ROUTES) - routes)
    assert not stale, f"rows for routes that no longer exist: {stale}"


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(ROUTES))
def test_route_answers_each_persona_as_the_matrix_says(route, demo, client):
    for case in ROUTES[route]:
        kwargs = case.resolve_kwargs(demo)
        url = reverse(route, kwargs=kwargs) if "/" not in route else _unnamed_url(route, kwargs)
        if case.query:
            url += "?" + case.query
        answers = {}
        for persona in PERSONAS:
            client.logout()
            if persona != "anonymous":
                client.force_login(demo.personas[persona])
            data = case.resolve_data(demo)
            response = client.post(url, data or {}) if case.method == "post" else client.get(url)
            answers[persona] = response.status_code
        assert answers == case.expect, f"{case.method.upper()} {url}"


def _unnamed_url(route: str, kwargs: dict) -> str:
    """Fill an unnamed pattern's <converter:name> or (?P<name>...) parts with kwargs."""
    import re

    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)\$?", lambda m: str(kwargs[m.group(1)]), url)
    return "/" + url.lstrip("^")
