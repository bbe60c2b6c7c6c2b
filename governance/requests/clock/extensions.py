"""延期申请: the owner asks for more time to resolve; the level above decides (community staff for a
courtyard group or committee, street staff for a community, the district for a street)."""

import math
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import notify
from ..choices import OPEN_STATUSES, EventKind, OwnerBody
from ..dispatch import routing
from ..models import Request
from ..services import _lock, _require_handler, event_record, stored
from .models import ExtensionStatus, RequestExtension


def deciders(request: Request):
    """Staff of the level above the request's owner: they approve or refuse its extensions."""
    if request.owner_body == OwnerBody.DISTRICT:
        return notify.User.objects.none()
    return notify.staff_of(request, routing.escalated_owner(request).body)  # a department answers to its street or district


def _hours(request: Request, hours, until) -> int:
    if until is not None:
        hours = math.ceil((until - request.resolve_due_at).total_seconds() / 3600)
    if not hours or hours <= 0:
        raise ValidationError({"hours": _("Ask for a number of hours, or a date after the current deadline.")})
    return int(hours)


def extension_amount(*, days=None, until=None) -> dict:
    """The pages' and the API's terms, in the service's: days become hours; a date means the end of that day."""
    if days:
        return {"hours": days * 24}
    return {"until": timezone.make_aware(datetime.combine(until, time(23, 59)))}


@transaction.atomic
def extension_request(*, request: Request, by, reason: str, hours: int | None = None, until=None) -> RequestExtension:
    request = _lock(request)
    _require_handler(by, request)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why more time is needed.")})
    if request.status not in OPEN_STATUSES or request.owner_body == OwnerBody.DISTRICT:
        raise ValidationError(_("Only an open request below the district can ask for an extension."))
    if request.extensions.filter(status=ExtensionStatus.PENDING).exists():
        raise ValidationError(_("An extension is already waiting for a decision."))
    extension = RequestExtension.objects.create(
        request=request, requested_by=by, reason=reason.strip(), hours=_hours(request, hours, until)
    )
    message = stored(gettext_lazy("Extension asked: %(hours)s hours."), hours=extension.hours)
    event = event_record(request=request, kind=EventKind.EXTENSION, actor=by, note=extension.reason, message=message, public=False)
    notify.extension_asked(request, event, deciders=deciders(request))
    return extension


@transaction.atomic
def extension_decide(*, extension: RequestExtension, by, approve: bool, note: str = "") -> RequestExtension:
    """Approve (both resolve deadlines, judged and working, move by the hours asked) or refuse (nothing moves)."""
    extension = RequestExtension.objects.select_for_update().get(pk=extension.pk)
    request = _lock(extension.request)
    if not deciders(request).filter(pk=by.pk).exists():
        raise ValidationError(_("Only the level above the owner decides on an extension."))
    if extension.status != ExtensionStatus.PENDING:
        raise ValidationError(_("This extension has been decided already."))
    extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    extension.decided_by, extension.decided_at = by, timezone.now()
    extension.save()
    if approve:
        delta = timedelta(hours=extension.hours)
        request.resolve_due_at += delta
        request.owner_resolve_due_at += delta
        if request.resolve_warn_at is not None:
            request.resolve_warn_at += delta
        request.save()
    label = gettext_lazy("Extension approved: %(hours)s hours.") if approve else gettext_lazy("Extension refused.")
    message = stored(label, hours=extension.hours)
    event = event_record(request=request, kind=EventKind.EXTENSION, actor=by, note=note.strip(), message=message, public=False)
    notify.extension_decided(request, event, asker=extension.requested_by, approved=approve)
    return extension
