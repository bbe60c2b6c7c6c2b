"""Writes to the clock of a request: pause 挂起 and resume. Each locks the request and records a timeline event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notify
from ..choices import OPEN_STATUSES, EventKind
from ..models import Request
from ..services import _lock, _require_handler, event_record
from .models import RequestPause
from .pauses import open_pause, pause_end


@transaction.atomic
def request_pause(*, request: Request, by, reason: str) -> RequestPause:
    """挂起: the handler waits for the resident (an answer, access to the home); the clock stops until resumed."""
    request = _lock(request)
    _require_handler(by, request)
    if not reason.strip():
        raise ValidationError({"note": _("Say what you are waiting for.")})
    if request.status not in OPEN_STATUSES or open_pause(request) is not None:
        raise ValidationError(_("Only an open request that is not paused can be paused."))
    pause = RequestPause.objects.create(request=request, reason=reason.strip(), started_at=timezone.now(), by=by)
    event = event_record(request=request, kind=EventKind.PAUSED, actor=by, note=pause.reason)
    notify.paused(request, event)
    return pause


@transaction.atomic
def request_resume(*, request: Request, by, note: str = "") -> Request:
    """The clock runs on: every running deadline moves by the time the request was paused."""
    request = _lock(request)
    _require_handler(by, request)
    pause = open_pause(request)
    if pause is None:
        raise ValidationError(_("This request is not paused."))
    pause_end(request, pause, timezone.now())
    request.save()
    event = event_record(request=request, kind=EventKind.RESUMED, actor=by, note=note.strip())
    notify.resumed(request, event)
    return request
