"""The resident's own requests on their home 我的社区 (registered from AppConfig.ready): each with its status and
a sentence saying what happens next."""

from django.utils import formats
from django.utils.translation import gettext as _

from .choices import OPEN_STATUSES, Status
from .clock.pauses import open_pause_read_along
from .models import OWNER_JOINS, Request

SHOWN = 5
FOLLOWED = sorted(OPEN_STATUSES | {Status.RESOLVED})  # a resolved request waits for the resident: confirm and rate, or reopen


def next_step(request: Request) -> str:
    """What happens next, as the resident reads it (the owner's name, never a staff member's)."""
    if getattr(request, "open_pause_started_at", None) is not None:
        return _("Paused: %(owner)s is waiting for you. Open it to see what they need.") % {"owner": request.owner_name}
    if request.status == Status.SUBMITTED and request.dispatched_at is None:
        return _("Waiting for %(owner)s to dispatch it to the unit in charge.") % {"owner": request.owner_name}
    steps = {
        Status.SUBMITTED: _("Waiting for %(owner)s to accept it."),
        Status.ACCEPTED: _("Accepted by %(owner)s: it will be assigned to someone who handles it."),
        Status.ASSIGNED: _("Dispatched to %(owner)s: a staff member has it in hand."),
        Status.IN_PROGRESS: _("In progress at %(owner)s, to be resolved by %(due)s."),
        Status.REOPENED: _("Reopened: %(owner)s works on it again."),
        Status.RESOLVED: _("Resolved: please confirm and rate it, or reopen it if it is not solved."),
    }
    due = formats.date_format(request.resolve_due_at, "DATE_FORMAT") if request.resolve_due_at else ""
    return steps[request.status] % {"owner": request.owner_name, "due": due}


def context(request, community) -> dict:
    """The resident's requests still followed, newest first, and how many they filed in all: two queries."""
    mine = Request.objects.filter(resident=request.user)
    followed = mine.filter(status__in=FOLLOWED).select_related("category", *OWNER_JOINS).annotate(**open_pause_read_along())
    rows = list(followed.order_by("-created_at")[: SHOWN + 1])
    return {"rows": [(row, next_step(row)) for row in rows[:SHOWN]], "more": len(rows) > SHOWN, "filed": mine.count()}


def filed_by(user):
    """The navigation's 我的诉求 shows when the person has filed one."""
    return Request.objects.filter(resident=user)


def register() -> None:
    from courtyards.sections import register_home_section

    register_home_section(key="requests", template="requests/home_section.html", context=context, order=10)
