"""Staff actions by name, shared by the staff page and the API, so both offer exactly the same moves."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from governance.accounts.models import User

from .. import services
from ..choices import OPEN_STATUSES, Status
from ..clock import pauses
from ..clock import services as clock_services
from ..dispatch import services as dispatch
from ..links import services as links
from ..models import Request
from ..oversight import services as oversight_services
from . import rules as workflow


def staff_action_run(
    *,
    item: Request,
    by,
    action: str,
    note: str = "",
    assignee: str = "",
    into: str = "",
    public: bool = False,
    covenant: str = "",
    reply_due_on=None,
    owner: str = "",
):
    """Run one named action on a request. Raises ValidationError with a translated message when refused."""
    if action == "accept":
        return services.request_accept(request=item, by=by, note=note)
    if action == "assign":
        person = User.objects.filter(username=assignee).first() if assignee else None
        return services.request_assign(request=item, by=by, assignee=person, note=note)
    if action == "start":
        return services.request_start(request=item, by=by, note=note)
    if action == "resolve":
        return links.request_resolve_citing(request=item, by=by, note=note, covenant_code=covenant)
    if action == "reject":
        return services.request_reject(request=item, by=by, reason=note)
    if action == "merge":
        target = Request.objects.filter(number=into.strip().upper()).first()
        if target is None:
            raise ValidationError(_("There is no request with that tracking number."))
        return services.request_merge(request=item, into=target, by=by, note=note)
    if action == "note":
        return services.request_note(request=item, by=by, note=note, public=public)
    if action == "supervise":
        return oversight_services.supervision_issue(request=item, by=by, instruction=note, reply_due_on=reply_due_on)
    if action == "pause":
        return clock_services.request_pause(request=item, by=by, reason=note)
    if action == "resume":
        return clock_services.request_resume(request=item, by=by, note=note)
    return _dispatch_run(item=item, by=by, action=action, note=note, owner=owner)


def _dispatch_run(*, item: Request, by, action: str, note: str, owner: str):
    """Moves between units: 派单 (dispatch), 转办 (transfer), 退单 (return), 协办 (co-handling units)."""
    if action == "dispatch":
        return dispatch.request_dispatch(request=item, by=by, target=owner, note=note)
    if action == "transfer":
        return dispatch.request_transfer(request=item, by=by, target=owner, reason=note)
    if action == "return":
        return dispatch.request_return(request=item, by=by, reason=note)
    if action == "cohandle":
        return dispatch.request_cohandler_add(request=item, by=by, target=owner, note=note)
    if action == "cohandle_end":
        return dispatch.request_cohandler_end(request=item, by=by, target=owner, note=note)
    raise ValidationError(_("That action is not known."))


# Which status each action moves to; "note" and "supervise" change no status.
ACTION_TARGETS = {
    "accept": Status.ACCEPTED,
    "assign": Status.ASSIGNED,
    "start": Status.IN_PROGRESS,
    "resolve": Status.RESOLVED,
    "reject": Status.REJECTED,
    "merge": Status.MERGED,
}


def actions_for(*, item: Request, user) -> list[str]:
    """The actions the staff page offers for this request now: those the workflow allows from its status."""
    if not workflow.may_handle(user, item):
        return ["note"] if workflow.may_note(user, item) else []  # a co-handling unit's people
    offered = [name for name, target in ACTION_TARGETS.items() if workflow.allowed(item.status, target, "staff")]
    if item.status == Status.SUBMITTED:
        offered.insert(1, "assign")  # request_assign accepts a submitted request first
    offered.append("note")  # 督办 has its own form on the staff page (oversight.views), with its reply date
    if item.status in OPEN_STATUSES:
        offered.append("resume" if pauses.is_paused(item) else "pause")
    return offered + dispatch_actions_for(item=item, user=user)


def dispatch_actions_for(*, item: Request, user) -> list[str]:
    cohandle = ["cohandle"] if dispatch.may_cohandle(user, item) else []
    if item.status in OPEN_STATUSES and dispatch.may_dispatch(user, item):
        return ["dispatch", *cohandle]
    return (["transfer", "return"] if dispatch.may_pass_on(user, item) else []) + cohandle
