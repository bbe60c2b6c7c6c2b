"""The beat sweeps over deadlines: escalation of overdue requests and closing of unconfirmed ones.

Deadlines are timestamps on the row. Each request is handled in its own transaction with its
row locked (skip_locked, so two beat runs never block on each other) and its condition
checked again after locking, so a sweep run twice escalates or closes once.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from .. import notify
from ..choices import EventKind, Status
from ..dispatch import routing
from ..models import Request
from ..services import event_record, status_move, stored
from ..workflow import rules as workflow
from . import warnings
from .pauses import is_paused_q

BATCH = 500


def _overdue(now) -> Q:
    return workflow.escalation_due_q(now) & ~Q(is_paused_q())  # a paused clock stands still


def requests_escalate_overdue(*, now=None) -> int:
    """Move each overdue request one level up the tree, with a fresh working deadline for its new owner. Returns how many.

    The judged deadlines (accept_due_at, resolve_due_at) stay: a request that was late stays late in the 三率.
    """
    now = now or timezone.now()
    ids = list(Request.objects.filter(_overdue(now)).order_by("pk").values_list("pk", flat=True)[:BATCH])
    return sum(request_escalate(request_id=pk, now=now) for pk in ids)


@transaction.atomic
def request_escalate(*, request_id: int, now) -> bool:
    request = (
        Request.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("category", "community", "street", "district", "courtyard", "resident", "owner_committee", "owner_department")
        .filter(_overdue(now), pk=request_id)
        .first()
    )
    if request is None:  # handled meanwhile, or another sweep holds it
        return False
    previous = request.owner_name
    routing.owner_apply(request, routing.escalated_owner(request))
    note = stored(gettext_noop("Overdue: moved from %(old)s to %(new)s."), old=previous, new=request.owner_name)
    if request.status == Status.SUBMITTED:
        request.owner_accept_due_at = now + timedelta(hours=request.category.accept_hours)
    if request.owner_resolve_due_at < now:
        request.owner_resolve_due_at = now + timedelta(hours=request.category.resolve_hours)
    warnings.warn_times_set(request, now)  # the new owner is warned before its own deadlines
    request.escalations += 1
    request.save()
    event = event_record(request=request, kind=EventKind.ESCALATED, message=note)
    notify.escalated(request, event)
    return True


def requests_close_unconfirmed(*, now=None) -> int:
    """Close requests resolved more than 7 days ago that the resident neither confirmed nor reopened."""
    now = now or timezone.now()
    cutoff = now - workflow.AUTO_CLOSE_AFTER
    ids = list(Request.objects.filter(status=Status.RESOLVED, resolved_at__lt=cutoff).values_list("pk", flat=True)[:BATCH])
    return sum(request_close_unconfirmed(request_id=pk, cutoff=cutoff) for pk in ids)


@transaction.atomic
def request_close_unconfirmed(*, request_id: int, cutoff) -> bool:
    request = (
        Request.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("category", "community", "resident")
        .filter(pk=request_id, status=Status.RESOLVED, resolved_at__lt=cutoff)
        .first()
    )
    if request is None:
        return False
    note = stored(gettext_noop("Closed automatically: not confirmed within 7 days of its resolution."))
    status_move(request=request, to=Status.CLOSED, by="system", message=note)
    return True
