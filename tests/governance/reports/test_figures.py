"""A street's figures equal the totals counted independently from the generated plan."""

import statistics
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from courtyards.models import Street
from governance.reports import figures, periods
from governance.requests.models import Request

from .data import make_requests

START, END = date(2026, 3, 1), date(2026, 5, 31)


@pytest.mark.django_db
def test_every_request_figure_of_a_street_equals_the_independent_total(demo):
    expected = make_requests(street=demo.shuangqiaozi, count=120, start=START, end=END, seed=11)
    make_requests(street=demo.shengdeng, count=30, start=START, end=END, seed=12)  # another street: never counted
    section = figures.request_figures(demo.shuangqiaozi, START, END)

    assert section.value("submitted") == expected.submitted == 120 - expected.merged  # a merged duplicate counts once
    assert section.value("open") == expected.open
    assert section.value("overdue") == expected.open  # every open request of the spring is past its deadline now
    assert section.value("resolved") == expected.resolved
    assert section.value("median_hours") == round(statistics.median(expected.resolve_hours), 1)
    rates = rates_counted_in_python(demo.shuangqiaozi, START, END)
    assert section.value("response_rate") == rates["response"]
    assert section.value("resolution_rate") == rates["resolution"]
    # "Resolved on time" is the 解决率 itself, shown once with its count beside it: never two figures that could disagree
    on_time = figures.three_rates(demo.shuangqiaozi, START, END)
    resolution = next(f for f in section.figures if f.key == "resolution_rate")
    assert resolution.detail == f"{on_time['resolution_due']} 件中 {on_time['resolved_on_time']} 件按时办结"
    assert not {"on_time_share", "resolved_on_time", "mean_rating"} & {f.key for f in section.figures}
    assert section.value("satisfaction_rate") == rates["satisfaction"]
    breakdowns = {b.key: dict(b.rows) for b in section.breakdowns}
    assert breakdowns["status"] == dict(expected.by_status)
    assert breakdowns["category"] == dict(expected.by_category)
    assert sum(value for _, value in section.trend) == expected.submitted  # the period lies inside the 12 months of the trend


@pytest.mark.django_db
def test_activity_body_and_alliance_figures_equal_what_was_logged(demo):
    """Person-times, hours and meetings of a street's report equal the rows made for the test."""
    from governance.activities.models import Activity, VolunteerHours
    from tests.governance.activities.helpers import log

    april_10 = (timezone.localdate() - date(2026, 4, 10)).days

    before = {s.key: s for s in figures.all_sections(demo.shuangqiaozi, START, END)}
    logged = [log(by=demo.worker, community=demo.xinhong, person_times=n, days_ago=april_10) for n in (30, 12, 7)]
    log(by=demo.admin, community=demo.hualin, person_times=99, days_ago=april_10)  # another street
    for activity in logged[:2]:
        VolunteerHours.objects.create(activity=activity, volunteer=demo.resident, hours=Decimal("2.5"), status="approved")
    after = {s.key: s for s in figures.all_sections(demo.shuangqiaozi, START, END)}

    assert list(after) == ["requests", "activities", "bodies", "alliance", "grids", "training", "seed"]
    grew = {key: after["activities"].value(key) - before["activities"].value(key) for key in ("events", "person_times", "volunteer_hours")}
    assert grew == {"events": 3, "person_times": 49, "volunteer_hours": 5.0}
    april = dict(after["activities"].trend)[date(2026, 4, 1)] - dict(before["activities"].trend).get(date(2026, 4, 1), 0)
    assert april == 49
    assert Activity.objects.filter(street=demo.shuangqiaozi).count() >= 3
    assert after["bodies"].value("committees") >= 1  # the seed's bodies of 双桥子
    assert after["alliance"].value("enterprises") == 0  # the alliance lives on 建设路
    assert figures.alliance_figures(Street.objects.get(code="jianshelu"), date(2026, 1, 1), END).value("enterprises") >= 2


@pytest.mark.django_db
def test_months_are_counted_in_shanghai_time(demo):
    make_requests(street=demo.shuangqiaozi, count=1, start=START, end=START, seed=1)
    # 1 April 00:30 in Chengdu is still 31 March in UTC: it belongs to April.
    Request.objects.update(created_at=datetime(2026, 4, 1, 0, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    trend = dict(figures.request_trend(demo.shuangqiaozi, date(2026, 4, 30)))
    assert trend[date(2026, 4, 1)] == 1 and trend[date(2026, 3, 1)] == 0


@pytest.mark.django_db
def test_three_rates_per_month_match_the_totals_of_the_period(demo):
    expected = make_requests(street=demo.shuangqiaozi, count=60, start=START, end=END, seed=5)
    months = figures.three_rates_monthly(demo.shuangqiaozi, START, END)
    assert [m["month"] for m in months] == [date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)]
    whole = figures.three_rates(demo.shuangqiaozi, START, END)
    for key in ("response_due", "accepted_on_time", "resolution_due", "resolved_on_time", "rated", "satisfied"):
        assert sum(m[key] for m in months) == whole[key], key
    assert expected.submitted + expected.merged == 60


def rates_counted_in_python(node, start, end) -> dict:
    """The three rates counted row by row, independently of the SQL that reports use."""
    low, high = periods.bounds(start, end)
    now = timezone.now()
    rows = list(Request.objects.filter(street=node).exclude(status="merged"))
    due = [r for r in rows if low <= r.accept_due_at < high and (r.accept_due_at <= now or r.accepted_at)]
    fixed = [r for r in rows if r.status != "rejected" and low <= r.resolve_due_at < high and (r.resolve_due_at <= now or r.resolved_at)]
    rated = [r for r in rows if r.rating and r.closed_at and low <= r.closed_at < high]

    def share(part, whole):
        return len(part) / len(whole) if whole else None

    return {
        "response": share([r for r in due if r.accepted_at and r.accepted_at <= r.accept_due_at], due),
        "resolution": share([r for r in fixed if r.resolved_at and r.resolved_at <= r.resolve_due_at], fixed),
        "satisfaction": share([r for r in rated if r.rating >= 4], rated),
    }


def test_periods_are_calendar_months_and_quarters():
    assert periods.last_month(date(2026, 1, 1)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert periods.quarter_of(date(2026, 5, 20)) == (date(2026, 4, 1), date(2026, 6, 30))
    assert periods.trend_months(date(2026, 2, 10))[0] == date(2025, 3, 1)
