"""超时预警: the owner's staff are told once, before each working deadline, at REQUEST_WARN_AT of the time to it.

The warn times are columns set whenever the working deadlines are set (submission, escalation) and
moved with them (pause, extension); the beat sweep finds the due ones by an indexed filter, warns
and clears the column in the same transaction, so a second sweep warns no one twice.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import notify
from ..choices import Status
from ..models import Request
from .pauses import is_paused_q

WORKING = [Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS, Status.REOPENED]
BATCH = 500


def warn_times_set(request: Request, start) -> None:
    """Warn times for the running working deadlines, counted from `start` (submission, or the escalation)."""
    share = settings.REQUEST_WARN_AT
    if request.accepted_at is None:
        request.accept_warn_at = start + (request.owner_accept_due_at - start) * share
    if request.resolved_at is None:
        request.resolve_warn_at = start + (request.owner_resolve_due_at - start) * share


def warn_times_shift(request: Request, delta, fields=("accept_warn_at", "resolve_warn_at")) -> None:
    for name in fields:
        if getattr(request, name) is not None:
            setattr(request, name, getattr(request, name) + delta)


def _due(now) -> Q:
    return (Q(status=Status.SUBMITTED, accept_warn_at__lte=now) | Q(status__in=WORKING, resolve_warn_at__lte=now)) & ~Q(is_paused_q())


def requests_warn_due(*, now=None) -> int:
    now = now or timezone.now()
    ids = list(Request.objects.filter(_due(now)).order_by("pk").values_list("pk", flat=True)[:BATCH])
    return sum(request_warn(request_id=pk, now=now) for pk in ids)


@transaction.atomic
def request_warn(*, request_id: int, now) -> bool:
    request = (
        Request.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("community")
        .filter(_due(now), pk=request_id)
        .first()
    )
    if request is None:
        return False
    field = "accept_warn_at" if request.status == Status.SUBMITTED else "resolve_warn_at"
    due = request.owner_accept_due_at if field == "accept_warn_at" else request.owner_resolve_due_at
    setattr(request, field, None)
    request.save(update_fields=[field, "updated_at"])
    notify.deadline_warning(request, due=due, key=f"{field}:{due:%Y%m%d%H%M}")
    return True
