"""The one definition of "on time" 按时 and of the three rates 三率, for every page, report and open-data file.

A request is judged against its judged deadlines (`accept_due_at`, `resolve_due_at`: the original
deadline plus approved extensions and paused time). Escalation hands a request to the level above
with a fresh *working* deadline (`owner_*_due_at`) but never moves the judged ones, so a late
request stays late wherever it is counted.

- 响应率 response rate: accepted by `accept_due_at`, among requests whose accept deadline fell in the
  period and has either passed or been met (a deadline still ahead with no answer is not counted).
- 解决率 resolution rate: resolved by `resolve_due_at`, among the requests (rejected ones excepted:
  there was nothing to resolve) whose resolve deadline fell in the period and has passed or been met.
- "Resolved on time" 按时办结 on any page is the resolution rate's numerator and its share is the rate
  itself, so a page never shows two figures that contradict each other.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Value, When
from django.utils import timezone

from ..choices import Status


def accepted_on_time_q() -> Q:
    return Q(accepted_at__isnull=False, accepted_at__lte=F("accept_due_at"))


def resolved_on_time_q(prefix: str = "") -> Q:
    """Resolved by the judged deadline; `prefix` ("request__") asks it of a row that points at a request."""
    return Q(**{f"{prefix}resolved_at__isnull": False, f"{prefix}resolved_at__lte": F(f"{prefix}resolve_due_at")})


def response_due_q(start: datetime, end: datetime, now: datetime | None = None) -> Q:
    """The response rate's denominator: accept deadline in [start, end), and passed or met."""
    now = now or timezone.now()
    return Q(accept_due_at__gte=start, accept_due_at__lt=end) & (Q(accept_due_at__lte=now) | Q(accepted_at__isnull=False))


def resolution_due_q(start: datetime, end: datetime, now: datetime | None = None) -> Q:
    """The resolution rate's denominator: not rejected, resolve deadline in [start, end), and passed or met."""
    now = now or timezone.now()
    due = Q(resolve_due_at__gte=start, resolve_due_at__lt=end) & (Q(resolve_due_at__lte=now) | Q(resolved_at__isnull=False))
    return due & ~Q(status=Status.REJECTED)


def _flag(done: str, on_time: Q) -> Case:
    """True / False once done, None while not done: the per-request column of the open data."""
    return Case(
        When(**{f"{done}__isnull": True}, then=Value(None)),
        When(on_time, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def accepted_on_time_flag() -> Case:
    return _flag("accepted_at", accepted_on_time_q())


def resolved_on_time_flag() -> Case:
    return _flag("resolved_at", resolved_on_time_q())


def _share(numerator: int, denominator: int) -> float | None:
    return None if not denominator else numerator / denominator


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return _share(self.numerator, self.denominator)

    @property
    def percent(self) -> float | None:
        return None if self.value is None else round(self.value * 100, 1)


def response_rate(queryset: QuerySet, start: datetime, end: datetime) -> Rate:
    row = queryset.filter(response_due_q(start, end)).aggregate(d=Count("pk"), n=Count("pk", filter=accepted_on_time_q()))
    return Rate(row["n"], row["d"])


def resolution_rate(queryset: QuerySet, start: datetime, end: datetime) -> Rate:
    row = queryset.filter(resolution_due_q(start, end)).aggregate(d=Count("pk"), n=Count("pk", filter=resolved_on_time_q()))
    return Rate(row["n"], row["d"])


def deadline_rates(queryset: QuerySet, start: datetime, end: datetime) -> tuple[Rate, Rate]:
    """The response and the resolution rate of `queryset` in one query, each by its definition above.

    The WHERE is the union of the two denominators, so each window is read through the node's
    (node, accept_due_at) and (node, resolve_due_at) indexes and nothing outside them is.
    """
    now = timezone.now()
    response, resolution = response_due_q(start, end, now), resolution_due_q(start, end, now)
    row = queryset.filter(response | resolution).aggregate(
        response_due=Count("pk", filter=response),
        accepted=Count("pk", filter=response & accepted_on_time_q()),
        resolution_due=Count("pk", filter=resolution),
        resolved=Count("pk", filter=resolution & resolved_on_time_q()),
    )
    return Rate(row["accepted"], row["response_due"]), Rate(row["resolved"], row["resolution_due"])
