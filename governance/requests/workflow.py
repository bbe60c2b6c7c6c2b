"""The one state machine of a request. Services consult it; nothing else decides a transition."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Status

S = Status

# (from, to) -> who may make the move: "staff" (owner's staff), "resident" (the reporter), "system".
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.SUBMITTED, S.ACCEPTED): "staff",
    (S.SUBMITTED, S.REJECTED): "staff",
    (S.SUBMITTED, S.MERGED): "staff",
    (S.ACCEPTED, S.ASSIGNED): "staff",
    (S.ACCEPTED, S.IN_PROGRESS): "staff",
    (S.ACCEPTED, S.REJECTED): "staff",
    (S.ACCEPTED, S.MERGED): "staff",
    (S.ASSIGNED, S.ASSIGNED): "staff",  # reassigned
    (S.ASSIGNED, S.IN_PROGRESS): "staff",
    (S.ASSIGNED, S.MERGED): "staff",
    (S.IN_PROGRESS, S.RESOLVED): "staff",
    (S.IN_PROGRESS, S.ASSIGNED): "staff",
    (S.RESOLVED, S.CLOSED): "resident",  # confirmed and rated, or closed by the system after 7 days
    (S.RESOLVED, S.REOPENED): "resident",  # within 7 days of resolution
    (S.REOPENED, S.ASSIGNED): "staff",
    (S.REOPENED, S.IN_PROGRESS): "staff",
    (S.CLOSED, S.REOPENED): "system",  # only a dissatisfied callback 回访 does this (oversight.services.callback_record)
}

# A dissatisfied callback reopens a request closed at most this long ago; after that it opens a second callback.
CALLBACK_REOPEN_WINDOW = timedelta(days=30)

NEEDS_NOTE = {S.REJECTED: _("A reason is required to reject a request.")}


def allowed(current: str, target: str, by: str) -> bool:
    who = TRANSITIONS.get((current, target))
    return who == by or (who == "resident" and by == "system")


def next_statuses(current: str, by: str = "staff") -> list[str]:
    return [target for (source, target), who in TRANSITIONS.items() if source == current and who == by and target != current]


def callback_may_reopen(request, now=None) -> bool:
    """A dissatisfied callback reopens the request if it is closed (not rejected or merged) and closed recently."""
    now = now or timezone.now()
    return request.status == S.CLOSED and request.closed_at is not None and now - request.closed_at <= CALLBACK_REOPEN_WINDOW


def callback_sampled(request) -> bool:
    """回访 for every closed request, or its category's share, chosen by the request's id (so it is reproducible);
    a low rating (1-2) is always called back."""
    if request.rating is not None and request.rating <= 2:
        return True
    return request.pk % 100 < request.category.callback_share
