"""Periods and months in the portal's time zone (Asia/Shanghai): a report's month is a Chinese calendar month."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

TREND_MONTHS = 12


def tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz())


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) in local time: `end` is inclusive."""
    return day_start(start), day_start(end + timedelta(days=1))


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
