"""Periods and months in the portal's time zone (Asia/Shanghai): a report's month is a Chinese calendar month."""

from datetime import date, timedelta

from django.utils import timezone

# The one definition of a period's bounds, read here by the reports' modules.
from governance.core.periods import bounds as bounds
from governance.core.periods import day_start as day_start
from governance.core.periods import last_days as last_days
from governance.core.periods import tz as tz

TREND_MONTHS = 12


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    return add_months(day, 1) - timedelta(days=1)


def last_month(today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    first = add_months(month_start(today), -1)
    return first, month_end(first)


def quarter_of(day: date) -> tuple[date, date]:
    first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return first, month_end(add_months(first, 2))


def year_of(day: date) -> tuple[date, date]:
    """The calendar year of `day`: the district's yearly report."""
    return date(day.year, 1, 1), date(day.year, 12, 31)


def trend_months(end: date, count: int = TREND_MONTHS) -> list[date]:
    """The first days of the `count` months ending with the month of `end`, oldest first."""
    last = month_start(end)
    return [add_months(last, -offset) for offset in range(count - 1, -1, -1)]


def last_twelve_months(today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    return trend_months(today)[0], today
