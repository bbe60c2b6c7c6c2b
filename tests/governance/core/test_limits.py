"""The API's lists are bounded, no limit/offset value makes a 500, and a cache outage changes no answer into a 500."""

import time

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver
from rest_framework.test import APIClient

from governance import api_urls
from governance.core.pagination import BoundedLimitOffsetPagination

pytestmark = pytest.mark.django_db

DEAD_CACHE = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
BAD_VALUES = ["-1", "0", "abc", "1.5", "1e9", "", "99999999999999999999999", "9223372036854775808", "-99999999999999999999"]


def _list_paths(patterns, prefix: str = "") -> list[str]:
    """Every '<name>-list' route of the API, as a path (router routes are regexes such as ^units/$)."""
    paths = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            paths += _list_paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and (pattern.name or "").endswith("-list") and "(?P" not in route and "<" not in route:
            paths.append("/api/v1/" + route)
    return sorted(set(paths))


def list_urls() -> list[str]:
    return _list_paths(api_urls.urlpatterns)


def test_the_router_has_the_lists_this_test_walks():
    urls = list_urls()
    assert len(urls) >= 15 and "/api/v1/requests/" in urls and "/api/v1/notifications/" in urls


def test_no_limit_offset_or_page_value_makes_a_500_on_any_list(demo):
    api = APIClient()
    api.force_authenticate(demo.admin)
    failures = []
    for url in list_urls():
        for name in ("limit", "offset", "page"):
            for value in BAD_VALUES:
                answer = api.get(url, {name: value})
                if answer.status_code not in (200, 400):
                    failures.append((url, name, value, answer.status_code))
    assert failures == []


def test_a_huge_limit_is_cut_to_the_maximum_page_size(demo, settings):
    settings.API_MAX_PAGE_SIZE = 3
    api = APIClient()
    api.force_authenticate(demo.admin)
    body = api.get("/api/v1/units/", {"limit": "1000000"}).json()
    assert body["count"] > 3 and len(body["results"]) == 3
    assert BoundedLimitOffsetPagination().max_limit == 3


def test_an_offset_past_the_end_is_an_empty_page(demo):
    api = APIClient()
    api.force_authenticate(demo.admin)
    body = api.get("/api/v1/units/", {"offset": "99999999999999999999999"}).json()
    assert body["results"] == [] and body["count"] > 0


@override_settings(CACHES=DEAD_CACHE)
def test_with_the_cache_down_the_token_endpoint_still_answers(demo, client):
    started = time.monotonic()
    answer = client.post("/api/v1/auth/token/", {"username": "demo_street", "password": "chenghua-demo"})
    assert answer.status_code == 200 and len(answer.json()["token"]) == 40
    assert time.monotonic() - started < 5  # failing open does not wait out the outage


@override_settings(CACHES=DEAD_CACHE)
def test_with_the_cache_down_a_throttled_list_and_the_public_figures_still_answer(demo, client):
    api = APIClient()
    api.force_authenticate(demo.resident)
    mine = api.get("/api/v1/requests/")
    assert mine.status_code == 200 and {r["title"] for r in mine.json()["results"]} >= {"楼上深夜打麻将"}
    stats = client.get("/api/v1/stats/communities/xinhong/")
    assert stats.status_code == 200 and stats.json()["code"] == "xinhong"


@override_settings(CACHES=DEAD_CACHE)
def test_with_the_cache_down_open311_still_answers(demo, client):
    answer = client.get("/open311/v2/services.json")
    assert answer.status_code == 200 and isinstance(answer.json(), list)
