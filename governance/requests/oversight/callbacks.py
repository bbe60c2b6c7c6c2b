"""Opening callbacks 回访 when a request closes. Called by services.status_move, below the oversight services."""

from django.utils.translation import gettext_lazy as _

from governance.core import stored_text

from .. import notify
from ..choices import CallbackReason, CallbackStatus, EventKind
from ..models import Callback, Request, TimelineEvent
from ..workflow import rules as workflow

OPENED_NOTES = {
    CallbackReason.SAMPLED: _("Closed: a callback is due."),
    CallbackReason.LOW_RATING: _("Rated %(rating)s: a callback is due."),
    CallbackReason.SECOND: _("The resident was dissatisfied and the request cannot be reopened: a second callback is due."),
}


def callback_open(*, request: Request, reason: str) -> Callback | None:
    """Open a callback for community staff (one open at a time per request) and tell them; inside the caller's transaction."""
    if request.callbacks.filter(status=CallbackStatus.OPEN).exists():
        return None
    callback = Callback.objects.create(
        request=request, reason=reason, community_id=request.community_id, street_id=request.street_id, district_id=request.district_id
    )
    message = stored_text.message(OPENED_NOTES[reason], rating=request.rating)  # each reader reads it in their language
    event = TimelineEvent.objects.create(request=request, kind=EventKind.CALLBACK, message=message, public=False)
    notify.callback_opened(request, event, reason=reason)
    return callback


def callback_after_close(*, request: Request) -> Callback | None:
    """Every closed request of a category is called back, or the category's share of them; a low rating always is."""
    if not workflow.callback_sampled(request):
        return None
    low = request.rating is not None and request.rating <= 2
    return callback_open(request=request, reason=CallbackReason.LOW_RATING if low else CallbackReason.SAMPLED)
