"""A street's figures equal the totals counted independently from the generated plan."""

import statistics
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from governance.reports import figures, periods
from governance.requests.models import Request

from .data import make_requests

START, END = date(2026, 3, 1), date(2026, 5, 31)


@pytest.mark.django_db
def test_every_request_figure_of_a_street_equals_the_independent_total(demo):
    expected = make_requests(street=demo.shuangqiaozi, count=120, start=START, end=END, seed=11)
    make_requests(street=demo.shengdeng, count=30, start=START, end=END, seed=12)  # another street: never counted
    section = figures.request_figures(demo.shuangqiaozi, START, END)

    assert section.value("submitted") == expected.submitted == 120
    assert section.value("open") == expected.open
    assert section.value("overdue") == expected.open  # every open request of the spring is past its deadline now
    assert section.value("resolved") == expected.resolved
    assert section.value("resolved_on_time") == expected.resolved_on_time
    assert section.value("on_time_share") == round(expected.resolved_on_time / expected.resolved, 4)
    assert section.value("mean_rating") == round(statistics.mean(expected.ratings), 2)
    assert section.value("median_hours") == round(statistics.median(expected.resolve_hours), 1)
    assert section.value("response_rate") == round(expected.accepted_on_time / expected.submitted, 4)
    assert section.value("resolution_rate") == round(expected.resolved_on_time / expected.submitted, 4)
    assert section.value("satisfaction_rate") == round(expected.satisfied / expected.rated, 4)
    breakdowns = {b.key: dict(b.rows) for b in section.breakdowns}
    assert breakdowns["status"] == dict(expected.by_status)
    assert breakdowns["category"] == dict(expected.by_category)
    assert sum(value for _, value in section.trend) == 120  # the period lies inside the 12 months of the trend


@pytest.mark.django_db
def test_the_other_sections_keep_their_layout_until_their_apps_are_wired(demo):
    """The activity figures (person-times, hours) come with the activities merge; the structure is ready for them."""
    sections = {s.key: s for s in figures.all_sections(demo.shuangqiaozi, START, END)}
    assert list(sections) == ["requests", "activities", "bodies", "alliance"]
    activities = sections["activities"]
    assert [f.key for f in activities.figures] == ["events", "person_times", "volunteer_hours", "families_helped"]
    assert len(activities.trend) == 12


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
    assert sum(m["submitted"] for m in months) == expected.submitted
    assert sum(m["resolved_on_time"] for m in months) == expected.resolved_on_time
    assert sum(m["satisfied"] for m in months) == expected.satisfied


def test_periods_are_calendar_months_and_quarters():
    assert periods.last_month(date(2026, 1, 1)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert periods.quarter_of(date(2026, 5, 20)) == (date(2026, 4, 1), date(2026, 6, 30))
    assert periods.trend_months(date(2026, 2, 10))[0] == date(2025, 3, 1)
