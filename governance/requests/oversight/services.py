"""Writes of 督办 and 回访. Each locks the request row first, like every move of the workflow (services._lock)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.core import stored_text

from .. import notify, services
from ..choices import OPEN_STATUSES, CallbackReason, CallbackStatus, EventKind, Satisfaction, Status
from ..models import Callback, Request
from ..workflow import rules as workflow
from .callbacks import callback_open
from .models import Supervision

# --- 督办 ---------------------------------------------------------------------------------------


@transaction.atomic
def supervision_issue(*, request: Request, by, instruction: str, reply_due_on: date | None) -> Supervision:
    """督办: the street office (or the district) instructs the owner and asks for a reply by a date; the owner's staff are told."""
    request = services._lock(request)
    if not workflow.may_supervise(by, request):
        raise ValidationError(_("Only street office staff can put a request under supervision."))
    if request.status not in OPEN_STATUSES:
        raise ValidationError(_("Only an open request can be put under supervision."))
    if reply_due_on is None or reply_due_on < timezone.localdate():
        raise ValidationError({"reply_due_on": _("Give the date by which the owner must reply (today or later).")})
    if not instruction.strip():
        raise ValidationError({"instruction": _("Say what the owner must do.")})
    if request.supervisions.filter(replied_at__isnull=True).exists():
        raise ValidationError(_("This request already has a supervision awaiting its reply."))
    supervision = Supervision(request=request, issued_by=by, instruction=instruction.strip(), reply_due_on=reply_due_on, **_keys(request))
    supervision.full_clean()
    supervision.save()
    request.supervised, request.supervised_by = True, by  # the queue's fast flag
    request.save(update_fields=["supervised", "supervised_by", "updated_at"])
    message = services.stored(gettext_lazy("Reply by %(due)s:"), due=stored_text.day(reply_due_on))
    event = services.event_record(
        request=request, kind=EventKind.SUPERVISED, actor=by, note=supervision.instruction, message=message, public=False
    )
    notify.supervised(request, event)
    return supervision


def _keys(request: Request) -> dict:
    return {"community_id": request.community_id, "street_id": request.street_id, "district_id": request.district_id}


@transaction.atomic
def supervision_reply(*, supervision: Supervision, by, reply: str) -> Supervision:
    """The owner answers the 督办 in writing; the officer who issued it is told."""
    request = services._lock(supervision.request)
    supervision = Supervision.objects.select_for_update().get(pk=supervision.pk)
    if not workflow.may_handle(by, request):
        raise ValidationError(_("You may not handle this request."))
    if supervision.replied_at is not None:
        raise ValidationError(_("This supervision has already been answered."))
    if not reply.strip():
        raise ValidationError({"reply": _("Write the reply.")})
    supervision.reply, supervision.replied_by, supervision.replied_at = reply.strip(), by, timezone.now()
    supervision.save(update_fields=["reply", "replied_by", "replied_at"])
    event = services.event_record(request=request, kind=EventKind.SUPERVISION_REPLY, actor=by, note=supervision.reply, public=False)
    notify.supervision_replied(request, event, supervisor=supervision.issued_by)
    return supervision


# --- 回访 ---------------------------------------------------------------------------------------


@transaction.atomic
def callback_record(*, callback: Callback, by, reached: bool, satisfaction: str = "", note: str = "") -> Callback:
    """One phone call of a callback: not reached (it stays open until MAX_ATTEMPTS), or reached with what the resident said.

    A dissatisfied resident reopens the request (workflow: closed -> reopened by "system"), or, when it can no longer
    be reopened, gets a second callback.
    """
    request = services._lock(callback.request)
    callback = Callback.objects.select_for_update().get(pk=callback.pk)
    if not permissions.can(by, Action.MANAGE, callback):
        raise ValidationError(_("You may not complete this callback."))
    if callback.status != CallbackStatus.OPEN:
        raise ValidationError(_("This callback is already done."))
    if reached and satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": _("Say whether the resident was satisfied.")})
    callback.attempts += 1
    callback.outcome, callback.done_by, callback.done_at = note.strip(), by, timezone.now()
    if reached:
        callback.status, callback.reached, callback.satisfaction = CallbackStatus.DONE, True, satisfaction
    else:
        callback.reached, callback.satisfaction = False, ""
        if callback.attempts >= Callback.MAX_ATTEMPTS:
            callback.status = CallbackStatus.UNREACHED
    callback.full_clean()
    callback.save()
    message = _callback_message(callback)
    services.event_record(request=request, kind=EventKind.CALLBACK, actor=by, note=callback.outcome.strip(), message=message, public=False)
    if reached and satisfaction == Satisfaction.DISSATISFIED:
        _after_dissatisfied(request=request, callback=callback, by=by)
    return callback


def _callback_message(callback: Callback) -> dict:
    if callback.reached:
        satisfaction = stored_text.choice("requests.satisfaction", callback.satisfaction)
        return services.stored(gettext_lazy("Callback: %(satisfaction)s."), satisfaction=satisfaction)
    return services.stored(gettext_lazy("Callback: not reached (call %(n)s)."), n=callback.attempts)


def _after_dissatisfied(*, request: Request, callback: Callback, by) -> None:
    if request.status in OPEN_STATUSES:
        return  # the resident reopened it after rating: it is being handled again
    if workflow.callback_may_reopen(request):
        # public like every status change: it says why, not what was said on the phone (that stays in the internal callback event)
        note = services.stored(gettext_lazy("Reopened: the resident was dissatisfied when called back."))
        services.status_move(request=request, to=Status.REOPENED, by="system", actor=by, note=note, kind=EventKind.REOPENED)
    elif callback.reason != CallbackReason.SECOND:
        callback_open(request=request, reason=CallbackReason.SECOND)
