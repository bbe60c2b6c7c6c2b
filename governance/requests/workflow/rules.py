"""The workflow of a request: its one state machine and the rules around it (who handles and who supervises,
when a request is overdue, when it may be reopened, when it closes by itself). Services consult it; nothing
else decides a transition."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.accounts import permissions
from governance.accounts.choices import Role
from governance.accounts.permissions import Action

from ..choices import OPEN_STATUSES, OwnerBody, Source, Status

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
    # The resident who rated it, within the reopen window (resident_may_reopen: a low rating must not end the request),
    # and a dissatisfied callback 回访 (oversight.services.callback_record, by "system").
    (S.CLOSED, S.REOPENED): "resident",
}

# The resident may reopen a resolved request this long after its resolution.
REOPEN_WINDOW = timedelta(days=7)
# A resolved request the resident neither confirms nor reopens closes by itself after this long.
AUTO_CLOSE_AFTER = timedelta(days=7)
WORKING = frozenset({S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.REOPENED})

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


def path_to(current: str, target: str, by: str = "staff") -> list[str]:
    """The statuses a request passes through, by the shortest way the table allows `by`, to reach `target`
    (a cluster resolved by a council's decision walks 受理 -> 办理中 -> 已办结); empty if there is no way."""
    paths, seen = [(current, [])], {current}
    while paths:
        status, path = paths.pop(0)
        if status == target:
            return path
        for (source, to), who in TRANSITIONS.items():
            if source == status and who == by and to not in seen:
                seen.add(to)
                paths.append((to, [*path, to]))
    return []


def accepted_first(current: str, target: str) -> bool:
    """Assigning a request nobody has accepted yet accepts it on the way (受理 is implied by 派给某人)."""
    return current == S.SUBMITTED and target == S.ASSIGNED


def resident_may_reopen(request, now=None) -> bool:
    """Within 7 days of the resolution, whether or not the resident has confirmed and rated it: a rating is no
    waiver. A request closed by the system (after 7 days unconfirmed, or resolved on the spot) has no rating."""
    now = now or timezone.now()
    if request.status == S.CLOSED and request.rating is None:
        return False
    if request.status not in {S.RESOLVED, S.CLOSED}:
        return True  # the workflow table refuses the move
    return request.resolved_at is None or now - request.resolved_at <= REOPEN_WINDOW


def reopen_until(request):
    """The last moment the resident may reopen it, or None when they may not (any more)."""
    if request.resolved_at is None or request.status not in {S.RESOLVED, S.CLOSED} or not resident_may_reopen(request):
        return None
    return request.resolved_at + REOPEN_WINDOW


def overdue_arms(now=None) -> list[Q]:
    """Late against the judged deadline (original + approved extensions + paused time), what the 三率 and every list
    count: against the accept deadline while submitted, against the resolve deadline after. Each arm has its partial index."""
    now = now or timezone.now()
    return [
        Q(status=S.SUBMITTED, accept_due_at__lt=now),
        Q(status__in=sorted(OPEN_STATUSES - {S.SUBMITTED}), resolve_due_at__lt=now),
    ]


def overdue_q(now=None) -> Q:
    first, second = overdue_arms(now)
    return first | second


def escalation_due_q(now) -> Q:
    """Past the current owner's working deadline (not the judged one: that one escalation never moves), below the top."""
    late_to_accept = Q(status=S.SUBMITTED, owner_accept_due_at__lt=now)
    late_to_resolve = Q(status__in=WORKING, owner_resolve_due_at__lt=now)
    at_top = Q(owner_body=OwnerBody.DISTRICT) | Q(owner_body=OwnerBody.DEPARTMENT, owner_department__street__isnull=True)
    return (late_to_accept | late_to_resolve) & ~at_top


def may_handle(user, request) -> bool:
    """Staff of the request's area and the people of its owning body (a committee's chair, a department's
    handlers) manage it; the field worker it is assigned to may work on it."""
    return permissions.can(user, Action.MANAGE, request) or (
        request.assignee_id == user.pk and permissions.can(user, Action.FIELD, request)
    )


def may_note(user, request) -> bool:
    """Those who handle the request, and the people of its co-handling units (协办), add notes to it."""
    return may_handle(user, request) or permissions.shares_row(user, request)


def may_supervise(user, request) -> bool:
    """督办 is the street office's tool (and the district's) over the bodies below it."""
    return permissions.holds_role(user, {Role.STREET_STAFF, Role.DISTRICT_ADMIN}) and permissions.can(user, Action.MANAGE, request)


def may_resolve_on_spot(user, request) -> bool:
    """就地解决: the field worker who filed a grid report (网格上报) of what they fixed there and then takes it through
    the staff's steps to resolved, once, while it is new; their role must still cover its place."""
    return (
        request.source == Source.GRID
        and request.filed_by_id == user.pk
        and request.status == S.SUBMITTED
        and permissions.can(user, Action.FIELD, request)
    )
