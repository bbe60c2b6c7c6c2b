"""Anyone can see what residents asked for in a community and how well it was handled, without learning who asked."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courtyards.models import Courtyard, Unit
from governance.requests.choices import Status
from governance.requests.public import figures as public_figures
from governance.requests.public import selectors as public
from tests.base import make_category, make_request, make_user, request_set

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_demo_requests")]

NOW = timezone.now()


def ago(**delta):
    return NOW - timedelta(**delta)


def hours_after(request, hours: float):
    return request.created_at + timedelta(hours=hours)


def test_the_feed_shows_category_title_status_and_courtyard_but_no_one_personal(client, demo):
    request = make_request(resident=demo.resident, title="新鸿南路路灯不亮", text="院坝里的路灯坏了三天")
    body = client.get(reverse("public_requests:feed", kwargs={"code": "xinhong"})).content.decode()
    assert "新鸿南路路灯不亮" in body and "邻里噪音" in body and "新鸿南路院落" in body and request.number in body
    page_of_community = client.get(reverse("courtyards:community", kwargs={"code": "xinhong"})).content.decode()
    assert "新鸿南路路灯不亮" in page_of_community
    for page in (body, page_of_community):
        for secret in (
            demo.resident.display_name,
            demo.resident.phone,
            "xinhong-nanlu-b1-u1",
            "1栋1单元",
            "1栋",
            "1单元",
        ):  # no room: a tracking number may hold any digits
            assert secret not in page, secret


def test_a_reporter_who_chose_to_be_named_is_named_masked_as_registration_promises(client, demo):
    make_request(resident=demo.resident, reporter_public=True)
    body = client.get(reverse("public_requests:feed", kwargs={"code": "xinhong"})).content.decode()
    name = demo.resident.display_name
    assert f"{name[0]}{'*' * (len(name) - 1)}" in body
    assert name not in body and demo.resident.phone not in body


def test_private_and_merged_requests_stay_off_the_feed(client, demo):
    make_request(resident=demo.resident, title="私人诉求", public=False)
    request_set(make_request(resident=demo.resident, title="重复诉求"), status=Status.MERGED)
    body = client.get(reverse("public_requests:feed", kwargs={"code": "xinhong"})).content.decode()
    assert "私人诉求" not in body and "重复诉求" not in body


def _fill(n: int, demo) -> None:
    units = list(Unit.objects.filter(community=demo.xinhong)[:6])
    residents = [make_user(home_unit=unit) for unit in units[:3]]
    for i in range(n):
        make_request(resident=residents[i % 3], place=units[i % len(units)], reporter_public=i % 2 == 0, title=f"诉求{i}")


@pytest.mark.parametrize(
    "name, code",
    [
        ("public_requests:feed", "xinhong"),
        ("public_requests:stats", "xinhong"),
        ("courtyards:community", "xinhong"),
        ("courtyards:street", "shuangqiaozi"),
    ],
)
def test_public_pages_cost_the_same_queries_with_one_request_or_many(client, demo, name, code):
    target = reverse(name, kwargs={"code": code})
    _fill(1, demo)
    client.get(target)
    with CaptureQueriesContext(connection) as one:
        assert client.get(target).status_code == 200
    _fill(25, demo)
    with CaptureQueriesContext(connection) as many:
        assert client.get(target).status_code == 200
    assert len(one) == len(many), [q["sql"] for q in many.captured_queries]


def test_signed_in_feed_costs_the_same_queries_too(client, demo):
    client.force_login(demo.resident2)
    target = reverse("public_requests:feed", kwargs={"code": "xinhong"})
    _fill(1, demo)
    client.get(target)  # the caches the page fills (the unread badge) warm in both measurements
    with CaptureQueriesContext(connection) as one:
        client.get(target)
    _fill(25, demo)
    client.get(target)
    with CaptureQueriesContext(connection) as many:
        client.get(target)
    assert len(one) == len(many)


def test_statistics_count_by_status_and_category_and_time_to_resolve(demo):
    noise, green = make_category(), make_category(code="greening", name_zh="绿化", name_en="Greening")
    a, b, c = (make_request(resident=demo.resident, category=cat) for cat in (noise, noise, green))
    make_request(resident=demo.resident, category=green, public=False)  # counted: figures name no one
    request_set(a, status=Status.CLOSED, resolved_at=hours_after(a, 10), rating=5)
    request_set(b, status=Status.RESOLVED, resolved_at=hours_after(b, 30), rating=2)
    request_set(c, status=Status.RESOLVED, resolved_at=c.resolve_due_at + timedelta(hours=1))
    stats = public_figures.statistics(node=demo.xinhong, **WIDE)
    totals, on_time = stats["figures"].totals, stats["figures"].rates["resolution"]
    assert (totals["submitted"], totals["open"], totals["resolved"], on_time.numerator) == (4, 1, 3, 2)
    assert on_time.value == pytest.approx(2 / 3) == stats["figures"].figures["resolution_rate"].value
    assert totals["mean_rating"] == pytest.approx(3.5)
    expected_median = 30.0
    assert totals["median_hours"] == pytest.approx(expected_median, abs=0.01)
    assert stats["figures"].figures["median_hours"].value == 30.0
    assert {row["status"]: row["n"] for row in stats["by_status"]} == {"closed": 1, "resolved": 2, "submitted": 1}
    assert {row["code"]: row["n"] for row in stats["by_category"]} == {"noise": 2, "greening": 2}
    assert public_figures.statistics(node=demo.hualin, **WIDE)["figures"].totals["submitted"] == 0


WIDE = {"start": date(2000, 1, 1), "end": date(2100, 1, 1)}  # every request and every deadline


def test_the_median_by_order_and_offset_agrees_with_percentile_cont(demo):
    durations = [5, 1, 9, 2, 7, 3]  # median of an even count is the mean of the two middle ones: (3 + 5) / 2
    for hours in durations:
        request = make_request(resident=demo.resident)
        request_set(request, status=Status.RESOLVED, resolved_at=hours_after(request, hours))
    queryset = public.node_requests(node=demo.xinhong)
    assert public.median_resolve_hours_ordered(queryset.filter(resolved_at__isnull=False)) == pytest.approx(4.0)
    assert public.median_resolve_hours(queryset) == pytest.approx(4.0)
    request_set(make_request(resident=demo.resident), status=Status.RESOLVED, resolved_at=NOW + timedelta(hours=100))
    assert public.median_resolve_hours_ordered(public.node_requests(node=demo.xinhong).filter(resolved_at__isnull=False)) == pytest.approx(
        5.0, abs=0.01
    )


# --- the three rates, on generated data with answers counted by hand --------------------------


def _generated(demo):
    """Twelve requests across two communities of 双桥子 and one of 圣灯, each with a known fate.

    Period: the last 30 days. Known answers for 新鸿社区:
      response   = accepted in time 3 of 5 due in the period (one due in the period but answered late,
                   one never answered, one due before the period, one due in the future unanswered: not counted)
      resolution = resolved in time 2 of 4 (one late, one unresolved past due; rejected not counted)
      satisfaction = 4-5 ratings 2 of 3 closed in the period (one rated 3; one closed before the period)
    """
    shuangqiao_unit = Unit.objects.filter(community__code="shuangqiao").first()
    hualin_unit = Unit.objects.filter(community=demo.hualin).first()
    rows = [
        # (place, accept_due, accepted, resolve_due, resolved, status, rating, closed)
        (None, ago(days=10), ago(days=11), ago(days=5), ago(days=6), Status.CLOSED, 5, ago(days=4)),
        (None, ago(days=9), ago(days=9, hours=1), ago(days=4), ago(days=3), Status.CLOSED, 3, ago(days=2)),
        (None, ago(days=8), ago(days=8, hours=2), ago(days=3), ago(days=4), Status.CLOSED, 4, ago(days=2)),
        (None, ago(days=7), ago(days=6), ago(days=2), None, Status.IN_PROGRESS, None, None),
        (None, ago(days=6), None, ago(days=1), None, Status.REJECTED, None, None),
        (None, ago(days=40), ago(days=41), ago(days=35), ago(days=36), Status.CLOSED, 1, ago(days=34)),
        (None, NOW + timedelta(hours=5), None, NOW + timedelta(days=5), None, Status.SUBMITTED, None, None),
        (shuangqiao_unit, ago(days=5), ago(days=6), ago(days=1), ago(days=2), Status.CLOSED, 5, ago(days=1)),
        (shuangqiao_unit, ago(days=5), None, ago(days=1), None, Status.SUBMITTED, None, None),
        (hualin_unit, ago(days=5), ago(days=6), ago(days=1), ago(days=2), Status.CLOSED, 1, ago(days=1)),
    ]
    for place, accept_due, accepted, resolve_due, resolved, status, rating, closed in rows:
        request = make_request(resident=demo.resident, place=place or demo.resident.home_unit)
        request_set(
            request,
            accept_due_at=accept_due,
            accepted_at=accepted,
            resolve_due_at=resolve_due,
            resolved_at=resolved,
            status=status,
            rating=rating,
            closed_at=closed,
        )
    return ago(days=30), NOW + timedelta(days=30)


def test_three_rates_of_a_community_equal_the_hand_count(demo):
    start, end = _generated(demo)
    rates = public.three_rates(demo.xinhong, start, end)
    assert (rates["response"].numerator, rates["response"].denominator) == (3, 5)
    assert (rates["resolution"].numerator, rates["resolution"].denominator) == (2, 4)
    assert (rates["satisfaction"].numerator, rates["satisfaction"].denominator) == (2, 3)
    assert rates["response"].percent == 60.0


def test_three_rates_add_up_over_the_street_and_the_district(demo):
    start, end = _generated(demo)
    street = public.three_rates(demo.shuangqiaozi, start, end)  # 新鸿 + 双桥路
    assert (street["response"].numerator, street["response"].denominator) == (4, 7)
    assert (street["resolution"].numerator, street["resolution"].denominator) == (3, 6)
    assert (street["satisfaction"].numerator, street["satisfaction"].denominator) == (3, 4)
    district = public.three_rates(demo.district, start, end)  # + 华林
    assert (district["satisfaction"].numerator, district["satisfaction"].denominator) == (3, 5)
    assert public.three_rates(demo.shengdeng, ago(days=400), ago(days=300))["response"].value is None


def test_the_statistics_page_shows_the_rates_and_the_street_page_too(client, demo):
    _generated(demo)
    body = client.get(reverse("public_requests:stats", kwargs={"code": "xinhong"}), {"days": 30}).content.decode()
    assert "60.0%" in body and "50.0%" in body and "66.7%" in body
    street = client.get(reverse("courtyards:street", kwargs={"code": "shuangqiaozi"})).content.decode()
    assert "57.1%" in street  # 4 of 7 over the last 90 days
    assert client.get(reverse("public_requests:stats", kwargs={"code": "xinhong"}), {"days": "lots"}).status_code == 200


# --- similar requests while typing -------------------------------------------------------------


def test_similar_open_requests_of_the_same_category_and_place_are_suggested(client, demo):
    lamp = make_request(resident=demo.resident, title="楼道灯坏了", text="三楼楼道灯不亮")
    make_request(resident=demo.resident, title="垃圾没人收", text="垃圾桶满了")
    make_request(resident=demo.resident, title="楼道灯坏了", category=make_category(code="greening", name_zh="绿化"))
    make_request(resident=demo.resident2, title="楼道灯坏了")  # 华林社区: another place
    request_set(make_request(resident=demo.resident, title="楼道灯又坏了"), status=Status.CLOSED)
    found = list(public.similar_open(category=make_category(), community=demo.xinhong, text="我家楼道的灯坏了"))
    assert found == [lamp]
    answer = client.get(reverse("public_requests:similar"), {"category": "noise", "place": "xinhong-nanlu", "text": "楼道灯"})
    assert lamp.title in answer.content.decode() and "垃圾" not in answer.content.decode()
    by_id = client.get(
        reverse("public_requests:similar"), {"category": make_category().pk, "place": "xinhong-nanlu-b1-u1", "text": "楼道灯"}
    )
    assert lamp.title in by_id.content.decode()
    assert client.get(reverse("public_requests:similar"), {"category": "noise\x00", "place": "x\x00", "text": "灯\x00"}).status_code == 200
    assert public.similar_open(category=make_category(), community=demo.xinhong, text="灯").count() == 1
    assert not public.similar_open(category=make_category(), community=demo.xinhong, text="  ").exists()


def test_similar_prefers_the_same_courtyard_and_costs_one_query(demo):
    other = Courtyard.objects.get(code="xinhuayuan")
    far = make_request(resident=demo.resident, place=other, title="楼道灯坏了", text="楼道灯楼道灯")
    near = make_request(resident=demo.resident, title="楼道灯坏了")
    noise = make_category()
    with CaptureQueriesContext(connection) as queries:
        found = list(public.similar_open(category=noise, community=demo.xinhong, courtyard=near.courtyard, text="楼道灯坏了"))
    assert found == [near, far] and len(queries) == 1


def test_search_terms_split_chinese_into_pairs_and_latin_into_words():
    assert public.search_terms("楼道灯坏了 WiFi down") == ["楼道", "道灯", "灯坏", "坏了", "wifi", "down"]
    assert public.search_terms("灯") == ["灯"]
