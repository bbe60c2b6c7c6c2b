"""The 网格 section of the community dashboard and the drill-down below it: a grid's dashboard and a courtyard's
page, each scoped through the permission module (community staff their community's grids, a grid worker their own
grid, anyone else 404), with the same queries for 2 courtyards and for 10."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.accounts.choices import Role
from tests.base import make_staff, make_user
from tests.conftest import cache_clear_own_keys

from .grid_data import community_make, courtyards_make, event_make, grid_make, grid_request, patrol_make


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache_clear_own_keys()  # figures are cached per node: each test states its own
    yield
    cache_clear_own_keys()


@pytest.fixture
def place(demo):
    community = community_make(street=demo.shuangqiaozi)
    a, b, c = courtyards_make(community=community, count=3)
    wang = make_user(display_name="王网格")
    first = grid_make(community=community, courtyards=[a, b], worker=wang, name="第一网格")
    second = grid_make(community=community, courtyards=[c], name="第二网格")
    other = grid_make(community=demo.hualin, courtyards=courtyards_make(community=demo.hualin, count=1), name="华林网格")
    staff = make_staff(role=Role.COMMUNITY_STAFF, node=community)
    today = timezone.localdate()
    patrol = patrol_make(worker=wang, courtyards=[a], day=today - timedelta(days=2))
    event_make(patrol=patrol, courtyard=a, day=today - timedelta(days=2), on_spot=True)
    event_make(
        patrol=patrol, courtyard=a, day=today - timedelta(days=2), request=grid_request(courtyard=a, day=today, resolved_after_hours=None)
    )
    return {"community": community, "a": a, "b": b, "c": c, "wang": wang, "first": first, "second": second, "other": other, "staff": staff}


def grid_url(grid, **query) -> str:
    url = reverse("reports:grid_dashboard", kwargs={"code": grid.code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def courtyard_url(grid, courtyard) -> str:
    return reverse("reports:grid_dashboard_courtyard", kwargs={"code": grid.code, "courtyard": courtyard.code})


@pytest.mark.django_db
def test_the_community_dashboard_lists_its_grids_and_links_each_to_its_dashboard(client, place):
    client.force_login(place["staff"])
    page = client.get(reverse("reports:dashboard", kwargs={"level": "community", "code": place["community"].code})).text
    assert "第一网格" in page and "第二网格" in page and "华林网格" not in page
    assert grid_url(place["first"]) in page and grid_url(place["second"]) in page
    assert "王网格" in page  # the table per grid worker


@pytest.mark.django_db
def test_the_grid_dashboard_shows_its_courtyards_with_last_patrol_requests_and_events(client, place):
    client.force_login(place["staff"])
    page = client.get(grid_url(place["first"])).text
    assert place["a"].name in page and place["b"].name in page and place["c"].name not in page
    assert courtyard_url(place["first"], place["a"]) in page
    assert '<dd id="events-found">2</dd>' in page and '<dd id="resolved-on-spot">1</dd>' in page
    assert '<dd id="stale-courtyards">1</dd>' in page  # b never patrolled


def _drawn(place_map) -> dict:
    """code -> value of every courtyard on a map, drawn or listed as not located."""
    return {m.place.code: m.place.value for m in place_map.markers} | {p.code: p.value for p, _band in place_map.unlocated}


@pytest.mark.django_db
def test_the_grid_map_colours_its_courtyards_by_days_since_the_last_patrol_and_links_to_each(client, place):
    client.force_login(place["staff"])
    response = client.get(grid_url(place["first"]))
    assert _drawn(response.context["map"]) == {place["a"].code: 2, place["b"].code: None}  # b never patrolled
    assert '<figure class="place-map"' in response.text and courtyard_url(place["first"], place["b"]) in response.text


@pytest.mark.django_db
def test_the_community_map_switches_to_days_since_the_last_patrol(client, place):
    client.force_login(place["staff"])
    url = reverse("reports:map", kwargs={"level": "community", "code": place["community"].code}) + "?map=patrol"
    response = client.get(url)
    assert _drawn(response.context["map"]) == {place["a"].code: 2, place["b"].code: None, place["c"].code: None}
    assert courtyard_url(place["second"], place["c"]) in response.text  # each courtyard links to its page under its grid


@pytest.mark.django_db
def test_not_patrolled_for_n_days_takes_n_from_the_address(client, place):
    client.force_login(place["staff"])
    assert '<dd id="stale-courtyards">2</dd>' in client.get(grid_url(place["first"], days=1)).text  # a was patrolled 2 days ago
    assert client.get(grid_url(place["first"], days="abc")).status_code == 404


@pytest.mark.django_db
def test_the_courtyard_page_shows_its_patrols_events_and_open_requests(client, place):
    client.force_login(place["staff"])
    page = client.get(courtyard_url(place["first"], place["a"])).text
    assert '<dd id="open-requests">1</dd>' in page and "王网格" in page


@pytest.mark.django_db
def test_a_grid_worker_sees_their_own_grid_and_nothing_else(client, place):
    client.force_login(place["wang"])  # grid_create gave them the grid worker role on the first grid
    assert client.get(grid_url(place["first"])).status_code == 200
    assert client.get(courtyard_url(place["first"], place["a"])).status_code == 200
    assert client.get(grid_url(place["second"])).status_code == 404
    assert client.get(courtyard_url(place["second"], place["c"])).status_code == 404
    assert client.get(courtyard_url(place["first"], place["c"])).status_code == 404  # not a courtyard of the grid
    assert client.get(reverse("reports:dashboard", kwargs={"level": "community", "code": place["community"].code})).status_code == 404


@pytest.mark.django_db
def test_staff_of_another_community_get_404(client, place, demo):
    client.force_login(make_staff(role=Role.COMMUNITY_STAFF, node=demo.hualin))
    assert client.get(grid_url(place["first"])).status_code == 404
    assert client.get(courtyard_url(place["first"], place["a"])).status_code == 404
    assert client.get(grid_url(place["other"])).status_code == 200


def _queries(client, url) -> int:
    cache_clear_own_keys()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_grid_dashboard_costs_the_same_queries_for_2_courtyards_and_for_10(client, demo):
    counts = []
    for size in (2, 10):
        community = community_make(street=demo.shuangqiaozi)
        courtyards = courtyards_make(community=community, count=size)
        worker = make_user(display_name="网格员")
        grid = grid_make(community=community, courtyards=courtyards, worker=worker)
        for courtyard in courtyards:
            patrol = patrol_make(worker=worker, courtyards=[courtyard], day=timezone.localdate())
            event_make(patrol=patrol, courtyard=courtyard, day=timezone.localdate(), on_spot=True)
        client.force_login(make_staff(role=Role.COMMUNITY_STAFF, node=community))
        client.get(grid_url(grid))  # warm the per-process caches (content types, sessions)
        counts.append(_queries(client, grid_url(grid)))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_the_reports_index_leads_a_grid_worker_to_their_grid_only(client, place):
    client.force_login(place["wang"])
    page = client.get(reverse("reports:index")).text
    assert grid_url(place["first"]) in page and grid_url(place["second"]) not in page and grid_url(place["other"]) not in page
