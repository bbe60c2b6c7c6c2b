"""Reads of 督办, scoped through the permission module, with the overdue flag computed by the database."""

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from governance.accounts import permissions
from governance.accounts.permissions import Action

from .models import Supervision


def overdue_q(today=None) -> Q:
    """Past its reply date without a reply."""
    return Q(replied_at__isnull=True, reply_due_on__lt=today or timezone.localdate())


def _annotated(queryset: QuerySet[Supervision]) -> QuerySet[Supervision]:
    flag = Case(When(overdue_q(), then=Value(True)), default=Value(False), output_field=BooleanField())
    return queryset.select_related("issued_by", "replied_by").annotate(overdue=flag)


def supervisions_of(*, request) -> QuerySet[Supervision]:
    if not request.supervised:  # set with the first 督办 and never cleared: the staff page skips a read for most requests
        return Supervision.objects.none()
    return _annotated(request.supervisions.all()).order_by("-created_at", "-pk")


def supervision_list(*, user, overdue_only: bool = False) -> QuerySet[Supervision]:
    """督办 in the user's area: awaiting a reply first (overdue ones at the top), then answered, newest first."""
    queryset = _annotated(Supervision.objects.select_related("request", "community"))
    if overdue_only:
        queryset = queryset.filter(overdue_q())
    ordered = queryset.order_by("-overdue", "replied_at", "reply_due_on", "-pk")
    return permissions.visible(user, ordered, Action.VIEW)


def awaiting_reply(*, request) -> Supervision | None:
    return request.supervisions.filter(replied_at__isnull=True).first()


def awaiting_among(supervisions: list[Supervision]) -> Supervision | None:
    """`awaiting_reply` out of a request's supervisions already read in the model's order (newest first)."""
    return next((row for row in supervisions if row.replied_at is None), None)
