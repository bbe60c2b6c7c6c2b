"""Figures that agree (issue 14 point 8): the same place and period show the same number on every page.

A resident reads 新鸿社区's figures on its community page and its statistics page; community staff read them on
the dashboard with the same period; a street's three rates on its public page and its dashboard. Each test reads
the pages as a person sees them (the figures' text), never the selectors alone.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.requests.choices import Status
from tests.base import make_request, request_set

FIGURE = re.compile(
    r'<div class="figure" data-figure="(?P<key>[^"]+)"><dt>(?P<label>.*?)</dt><dd[^>]*>(?P<value>.*?)</dd>(?P<rest>.*?)</div>'
)
TAGS = re.compile(r"<[^>]+>")


def figures_on(client, url: str, **query) -> dict[str, str]:
    """{key: the value as printed} of every figure on the page; fails if a concept is shown twice."""
    response = client.get(url, query)
    assert response.status_code == 200, url
    shown = [(m["key"], TAGS.sub("", m["label"]), TAGS.sub("", m["value"]).strip()) for m in FIGURE.finditer(response.text)]
    labels = [label for _, label, _ in shown]
    assert len(labels) == len(set(labels)), f"a figure shown twice on {url}: {labels}"
    return {key: value for key, _, value in shown}


def stats(client, code="xinhong", days=90):
    return figures_on(client, reverse("public_requests:stats", kwargs={"code": code}), days=days)


def community_page(client, code="xinhong"):
    return figures_on(client, reverse("courtyards:community", kwargs={"code": code}))


def dashboard(client, level, code, days=90):
    return figures_on(client, reverse("reports:dashboard", kwargs={"level": level, "code": code}), days=days)


SHARED = ("submitted", "open", "resolved", "median_hours", "resolution_rate", "satisfaction_rate")


@pytest.mark.django_db
def test_the_demo_community_shows_the_same_figures_on_its_page_its_statistics_and_its_dashboard(client, demo):
    public_stats, page = stats(client), community_page(client)
    client.force_login(demo.community)
    staff = dashboard(client, "community", "xinhong")

    assert public_stats["submitted"] not in ("", "0")  # the demo's requests of the last 90 days are counted
    for key in SHARED:
        assert public_stats[key] == page[key] == staff[key], key
    assert public_stats["response_rate"] == staff["response_rate"]


@pytest.mark.django_db
def test_the_street_s_three_rates_are_the_same_on_its_public_page_and_its_dashboard(client, demo):
    street = figures_on(client, reverse("courtyards:street", kwargs={"code": "shuangqiaozi"}))
    client.force_login(demo.street)
    staff = dashboard(client, "street", "shuangqiaozi")
    assert set(street) == {"response_rate", "resolution_rate", "satisfaction_rate"}
    for key in street:
        assert street[key] == staff[key], key


@pytest.mark.django_db
def test_the_api_s_default_period_is_the_public_page_s(client, demo):
    data = client.get(reverse("api:community-stats-detail", kwargs={"code": "xinhong"})).json()
    page = stats(client)
    assert str(data["figures"]["total"]) == page["submitted"] and str(data["figures"]["resolved"]) == page["resolved"]
    resolution = data["rates"]["resolution"]["value"]
    assert page["resolution_rate"].startswith(f"{resolution * 100:.1f}%" if resolution is not None else "—")


def _ago(**delta):
    return timezone.now() - timedelta(**delta)


@pytest.mark.django_db
@pytest.mark.usefixtures("without_demo_requests")
def test_a_constructed_community_shows_the_counted_figures_everywhere(client, demo):
    """Five requests of the last 90 days with known fates, one merged duplicate and one filed long before."""
    rows = [
        # (status, created, resolved, resolve due, rating)
        (Status.CLOSED, _ago(days=20), _ago(days=19), _ago(days=17), 5),  # 24 h, on time, satisfied
        (Status.CLOSED, _ago(days=10), _ago(days=6), _ago(days=7), 2),  # 96 h, late, dissatisfied
        (Status.RESOLVED, _ago(days=5), _ago(days=4, hours=12), _ago(days=2), None),  # 12 h, on time
        (Status.IN_PROGRESS, _ago(days=8), None, _ago(days=5), None),  # open and overdue
        (Status.SUBMITTED, _ago(days=1), None, _ago(days=-2), None),  # open, its deadline ahead: not due yet
        (Status.MERGED, _ago(days=3), None, _ago(days=-1), None),  # counted once, in the request it joined
        (Status.CLOSED, _ago(days=200), _ago(days=199), _ago(days=197), 4),  # before the period
    ]
    for status, created, resolved, due, rating in rows:
        item = make_request(resident=demo.resident)
        closed = resolved if status == Status.CLOSED else None
        request_set(item, created_at=created, status=status, resolved_at=resolved, resolve_due_at=due, rating=rating, closed_at=closed)

    public_stats, page = stats(client), community_page(client)
    client.force_login(demo.community)
    staff = dashboard(client, "community", "xinhong")
    expected = {
        "submitted": "5",
        "open": "2",
        "resolved": "3",
        "median_hours": "24.0 小时",
        "resolution_rate": "50.0%",  # 2 of the 4 due by now (one late, one still open); the 5th is not due yet
        "satisfaction_rate": "50.0%",  # 1 of the 2 closed and rated
    }
    for key, value in expected.items():
        assert public_stats[key] == page[key] == staff[key] == value, key
    assert staff["overdue"] == "1"


@pytest.mark.django_db
@pytest.mark.usefixtures("without_demo_requests")
def test_a_period_with_nothing_resolved_says_so_instead_of_a_bare_dash(client, demo):
    make_request(resident=demo.resident)  # one open request, its deadlines ahead
    response = client.get(reverse("public_requests:stats", kwargs={"code": "xinhong"}), {"days": 30})
    body = response.text
    page = stats(client, days=30)
    assert page["submitted"] == "1" and page["resolved"] == "0"
    assert "本期无已办结诉求" in page["median_hours"]
    assert "本期无到期需办结的诉求" in page["resolution_rate"] and "本期关闭的诉求均无评价或回访" in page["satisfaction_rate"]
    assert "nan" not in body.lower()
    for key in ("median_hours", "resolution_rate", "satisfaction_rate", "response_rate"):
        assert page[key].startswith("—") and len(page[key]) > 2, key  # never a bare dash
    client.force_login(demo.community)
    staff = dashboard(client, "community", "xinhong", days=30)
    assert staff["median_hours"] == page["median_hours"]


@pytest.mark.django_db
def test_each_figure_has_its_definition_in_small_type(client, demo):
    body = client.get(reverse("public_requests:stats", kwargs={"code": "xinhong"})).text
    definitions = re.findall(r'<dd class="figure-definition"><small>(.*?)</small></dd>', body)
    assert len(definitions) == 7 and "本期提交的诉求；并入其他诉求的重复诉求只计一次。" in definitions


@pytest.mark.django_db
def test_the_dashboard_shows_each_concept_once(client, demo):
    """The activities, training and 数说 sections used to repeat free clinics, families helped and training figures."""
    client.force_login(demo.admin)
    for days in ("", 30):
        shown = figures_on(client, reverse("reports:dashboard", kwargs={"level": "district", "code": demo.district.code}), days=days)
        assert "clinic_person_times" in shown and "grid_workers_trained" in shown
