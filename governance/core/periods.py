"""The periods figures are counted over, in the portal's time zone (Asia/Shanghai), for every app.

A period is a pair of days, both included: "the last 90 days" is today and the 89 days before it, on the
public statistics, the community and street pages, the dashboards and the API alike, so the same place and
period give the same figures wherever they are shown.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz())


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) in local time: `end` is inclusive."""
    return day_start(start), day_start(end + timedelta(days=1))


def last_days(days: int, today: date | None = None) -> tuple[date, date]:
    """The last `days` days, today included."""
    today = today or timezone.localdate()
    return today - timedelta(days=days - 1), today
