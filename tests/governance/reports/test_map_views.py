"""Staff see their courtyards on the dashboard's map, coloured by open or overdue requests, each linking to its queue."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courtyards.models import Courtyard
from courtyards.services import node_locate
from governance.reports import maps, selectors
from governance.requests.choices import OwnerBody, Status
from governance.requests.models import Request
from tests.base import make_user
from tests.conftest import cache_clear_own_keys
from tests.factories import courtyard_make

from .data import categories

_numbers = iter(range(1, 1_000_000))
MAP_BUDGET = 8  # session, user, roles, node, bodies handled, the courtyards with their counts, the unread badge


def _requests_at(courtyard, *statuses_and_lateness) -> list[Request]:
    """One request at `courtyard` per (status, late) pair; a late one is past its accept and resolve deadlines."""
    now, resident, category = timezone.now(), make_user(display_name="地图居民"), categories()[0]
    rows = []
    for status, late in statuses_and_lateness:
        due = now - timedelta(hours=2) if late else now + timedelta(days=3)
        rows.append(
            Request(
                number=f"M-{next(_numbers):07d}",
                resident=resident,
                category=category,
                title="地图上的诉求",
                text="用于地图测试",
                status=status,
                courtyard=courtyard,
                community_id=courtyard.community_id,
                street_id=courtyard.street_id,
                district_id=courtyard.district_id,
                owner_body=OwnerBody.COMMUNITY,
                owner_label="社区",
                accept_due_at=due,
                resolve_due_at=due,
                owner_accept_due_at=due,
                owner_resolve_due_at=due,
            )
        )
    return Request.objects.bulk_create(rows)


@pytest.fixture
def known(demo, without_demo_requests):
    """新鸿南路: 2 open (1 overdue) and 1 closed late; 新华苑: 1 overdue unaccepted; 双林: none;
    双桥路一号院 (another community of the street): 4 open; 华林A区 (another street): 3 open."""
    at = {c.code: c for c in Courtyard.objects.filter(code__in=["xinhong-nanlu", "xinhuayuan", "shuangqiao-1", "hualin-a"])}
    return {
        "nanlu": _requests_at(at["xinhong-nanlu"], (Status.IN_PROGRESS, True), (Status.ACCEPTED, False), (Status.CLOSED, True)),
        "huayuan": _requests_at(at["xinhuayuan"], (Status.SUBMITTED, True)),
        "shuangqiao": _requests_at(at["shuangqiao-1"], *[(Status.ASSIGNED, False)] * 4),
        "hualin": _requests_at(at["hualin-a"], *[(Status.SUBMITTED, False)] * 3),
    }


def _map(client, user, level, code, metric="", **headers):
    client.force_login(user)
    url = reverse("reports:map", kwargs={"level": level, "code": code}) + (f"?map={metric}" if metric else "")
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response


def _queue_link(code, metric):
    return f'href="{reverse("requests:queue")}?courtyard={code}&amp;{metric}=true"'


@pytest.mark.django_db
def test_the_counts_per_courtyard_are_the_known_totals(demo, known):
    counts = {c.code: (c.open, c.overdue) for c in selectors.courtyard_request_counts(user=demo.community, node=demo.xinhong)}
    assert counts == {"xinhong-nanlu": (2, 1), "xinhuayuan": (1, 1), "shuanglin": (0, 0)}
    street = {c.code: (c.open, c.overdue) for c in selectors.courtyard_request_counts(user=demo.street, node=demo.shuangqiaozi)}
    assert street["shuangqiao-1"] == (4, 0) and "hualin-a" not in street


@pytest.mark.django_db
def test_the_community_map_draws_its_courtyards_linked_to_their_open_requests_and_no_other(client, demo, known):
    page = _map(client, demo.community, "community", "xinhong").text
    assert '<figure class="place-map"' in page
    for code in ("xinhong-nanlu", "xinhuayuan", "shuanglin"):
        assert _queue_link(code, "open") in page
    assert "shuangqiao-1" not in page and "hualin-a" not in page  # another community's, another street's


@pytest.mark.django_db
def test_the_overdue_switch_colours_by_overdue_requests_and_links_to_them(client, demo, known):
    response = _map(client, demo.community, "community", "xinhong", metric="overdue")
    drawn = {m.place.code: m.place.value for m in response.context["map"].markers}
    assert drawn == {"xinhong-nanlu": 1, "xinhuayuan": 1, "shuanglin": 0}
    assert _queue_link("xinhong-nanlu", "overdue") in response.text and 'aria-current="true">超期诉求' in response.text


@pytest.mark.django_db
def test_the_street_map_has_the_courtyards_of_its_communities_and_none_of_another_street(client, demo, known):
    response = _map(client, demo.street, "street", "shuangqiaozi")
    drawn = {m.place.code: m.place.value for m in response.context["map"].markers}
    assert drawn == {"xinhong-nanlu": 2, "xinhuayuan": 1, "shuanglin": 0, "shuangqiao-1": 4, "shuangqiao-2": 0}
    assert "hualin-a" not in response.text


@pytest.mark.django_db
def test_a_courtyard_link_opens_the_queue_of_its_open_requests_only(client, demo, known):
    client.force_login(demo.community)
    page = client.get(reverse("requests:queue"), {"courtyard": "xinhong-nanlu", "open": "true"}).text
    open_here = [r.number for r in known["nanlu"] if r.status != Status.CLOSED]
    assert all(number in page for number in open_here)
    assert known["nanlu"][2].number not in page and known["huayuan"][0].number not in page
    overdue = client.get(reverse("requests:queue"), {"courtyard": "xinhong-nanlu", "overdue": "true"}).text
    assert known["nanlu"][0].number in overdue and known["nanlu"][1].number not in overdue


@pytest.mark.django_db
def test_a_courtyard_nobody_located_is_listed_under_the_map(client, demo, known):
    node_locate(node=Courtyard.objects.get(code="shuanglin"), latitude=None, longitude=None)
    response = _map(client, demo.community, "community", "xinhong")
    assert "shuanglin" not in {m.place.code for m in response.context["map"].markers}
    assert '<p class="map-unlocated"><strong>未定位</strong>' in response.text and _queue_link("shuanglin", "open") in response.text


@pytest.mark.django_db
def test_the_dashboard_loads_its_map_in_place_and_links_to_it_without_javascript(client, demo, known):
    client.force_login(demo.community)
    url = reverse("reports:map", kwargs={"level": "community", "code": "xinhong"})
    page = client.get(reverse("reports:dashboard", kwargs={"level": "community", "code": "xinhong"})).text
    assert f'hx-get="{url}" hx-trigger="load"' in page and f'<a href="{url}">' in page
    assert f'<a href="{reverse("requests:queue")}?courtyard=xinhuayuan">新华苑院落</a>' in page  # the drill-down's row
    part = _map(client, demo.community, "community", "xinhong", metric="overdue", HX_Request="true").text
    assert "<html" not in part and '<figure class="place-map"' in part and f'hx-get="{url}?map=open"' in part


@pytest.mark.django_db
def test_every_demo_courtyard_is_located_so_the_demo_map_shows_them_all(demo):
    assert Courtyard.objects.count() >= 14 and not Courtyard.objects.filter(latitude__isnull=True).exists()


@pytest.mark.django_db
def test_the_district_dashboard_has_no_map(client, demo):
    client.force_login(demo.admin)
    assert "courtyard-map" not in client.get(reverse("reports:dashboard", kwargs={"level": "district", "code": "chenghua"})).text
    assert client.get(reverse("reports:map", kwargs={"level": "district", "code": "chenghua"})).status_code == 404


def _count_page(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache_clear_own_keys()  # nothing of the map is cached; cleared so a cached part would show as a difference
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _located_courtyards(community, count):
    for i in range(count):
        courtyard = courtyard_make(community=community)
        node_locate(node=courtyard, latitude=f"30.6{i:02d}000", longitude=f"104.1{i:02d}000")
        _requests_at(courtyard, (Status.SUBMITTED, i % 2 == 0))


@pytest.mark.django_db
def test_the_map_costs_the_same_queries_with_5_and_with_50_courtyards(client, demo, without_demo_requests):
    url = reverse("reports:map", kwargs={"level": "community", "code": "xinhong"})
    client.force_login(demo.community)
    _located_courtyards(demo.xinhong, 2)  # with the demo's 3
    five = _count_page(client, url)
    _located_courtyards(demo.xinhong, 45)
    fifty = _count_page(client, url)
    assert Courtyard.objects.filter(community=demo.xinhong).count() == 50
    print("map queries", five, fifty)
    assert five == fifty <= MAP_BUDGET


@pytest.mark.django_db
def test_a_third_metric_is_one_more_entry_with_its_own_values(client, demo, monkeypatch):
    """How the patrol metric will come: days since the last patrol per courtyard, None where never patrolled."""
    days = {"xinhong-nanlu": 3, "xinhuayuan": 40, "shuanglin": None}

    def values(*, user, node):
        return [(c, days[c.code]) for c in Courtyard.objects.filter(community=node).order_by("code")]

    patrol = selectors.MapMetric(maps.DAYS_SINCE_PATROL, values, lambda c: f"/patrols/?courtyard={c.code}")
    monkeypatch.setitem(selectors.MAP_METRICS, "patrol", patrol)
    response = _map(client, demo.community, "community", "xinhong", metric="patrol")
    drawn = {m.place.code: (m.place.value, str(m.band.label)) for m in response.context["map"].markers}
    assert drawn == {"xinhong-nanlu": (3, "一周内"), "xinhuayuan": (40, "超过30天"), "shuanglin": (None, "从未巡查")}
    assert 'href="/patrols/?courtyard=shuanglin"' in response.text and 'aria-current="true">距上次巡查天数' in response.text
