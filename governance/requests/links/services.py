"""Writes that tie requests to self-governance: a council need 需求, a covenant 居民公约, follow-up actions,
and the way back when the need is carried out.

Requests sit above committees and courtyards in the layers, so the links live here and call
those apps' services; they never call back: what the requests do when a need is carried out is
registered with committees (`committees.registry`, from the app's ready()). Each write locks the
request rows it changes.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees import needs as committee_needs
from committees import services as committee_services
from committees.choices import ActionStatus
from committees.models import Committee, FollowUpAction, Need
from courtyards.models import Covenant
from governance.accounts import permissions
from governance.accounts.permissions import Action

from .. import notify
from ..choices import OPEN_STATUSES, EventKind, Status
from ..models import Request, TimelineEvent
from ..services import _lock, _require_handler, event_record, request_resolve, status_move, stored
from ..workflow import rules as workflow
from . import selectors as link_selectors


def _lock_all(requests) -> list[Request]:
    """The request rows, locked in key order (so two staff linking overlapping clusters cannot deadlock)."""
    pks = sorted({r.pk for r in requests})
    locked = Request.objects.select_for_update(of=("self",)).filter(pk__in=pks).order_by("pk")
    return list(locked.select_related("community", "resident"))


def _check_cluster(items: list[Request], committee: Committee, by) -> None:
    if not items:
        raise ValidationError(_("Pick at least one request."))
    community_id = items[0].community_id
    for item in items:
        if not permissions.can(by, Action.MANAGE, item):
            raise ValidationError(_("You may not manage request %(number)s.") % {"number": item.number})
        if item.community_id != community_id:
            raise ValidationError(_("Request %(number)s is from another community.") % {"number": item.number})
        if item.status not in OPEN_STATUSES:
            raise ValidationError(
                _("Request %(number)s is closed or merged: only open requests can become a need.") % {"number": item.number}
            )
        if item.need_id is not None:
            raise ValidationError(_("Request %(number)s is already part of a need.") % {"number": item.number})
    if committee.community_id != community_id or not committee.is_active:
        raise ValidationError(_("Choose an active body of the requests’ own community."))
    if not permissions.can(by, Action.MANAGE, committee):
        raise ValidationError(_("You may not put needs before this body."))


@transaction.atomic
def requests_to_need(*, requests, committee: Committee, title: str, text: str, by) -> Need:
    """Turn a cluster of similar open requests of one community into a need of one of its bodies.

    Every filer becomes a supporter through the committees' support service (one support per resident,
    however many of the requests are theirs), each request records it and each filer is told.
    """
    items = _lock_all(requests)
    _check_cluster(items, committee, by)
    need = committee_services.need_open(raised_by=by, committee=committee, title=title, description=text)
    filers = {item.resident_id: item.resident for item in items if item.resident_id}  # a hotline caller has no account
    for resident in filers.values():
        # A filer who has since moved away (or has no verified home) cannot support; their request stays linked.
        if resident.home_unit_id and resident.home_unit.community_id == need.community_id:
            committee_services.need_support(need=need, user=resident)
    note = stored(gettext_lazy("Taken up as the need “%(need)s” of %(committee)s."), need=need.title, committee=committee.name)
    for item in items:
        item.need = need
        item.save(update_fields=["need", "updated_at"])
        event = event_record(request=item, kind=EventKind.NEED, actor=by, note=note)
        notify.need_taken_up(item, event, need=need, committee=committee)
    return need


def covenant_fits(request: Request, covenant: Covenant) -> bool:
    """A covenant of the request's community, either community-wide or of the request's own courtyard."""
    return covenant.community_id == request.community_id and covenant.courtyard_id in {None, request.courtyard_id}


@transaction.atomic
def request_cite_covenant(*, request: Request, covenant: Covenant, by) -> Request:
    """Record the covenant 居民公约 a request was settled by."""
    request = _lock(request)
    _require_handler(by, request)
    if request.status in {Status.REJECTED, Status.MERGED}:
        raise ValidationError(_("A rejected or merged request was not settled by a covenant."))
    if not covenant_fits(request, covenant):
        raise ValidationError(_("Choose a covenant of this request’s community or courtyard."))
    request.covenant = covenant
    request.save(update_fields=["covenant", "updated_at"])
    note = stored(gettext_lazy("Settled by the covenant “%(covenant)s”."), covenant=covenant.title)
    event_record(request=request, kind=EventKind.COVENANT, actor=by, note=note)
    return request


@transaction.atomic
def request_resolve_citing(*, request: Request, by, note: str, covenant_code: str = "") -> Request:
    """Resolve a request and, if staff name one, cite the covenant that settled it: both or neither."""
    request = request_resolve(request=request, by=by, note=note)
    if covenant_code.strip():
        covenant = Covenant.objects.filter(code=covenant_code.strip()).first()
        if covenant is None:
            raise ValidationError(_("There is no covenant with that code."))
        request = request_cite_covenant(request=request, covenant=covenant, by=by)
    return request


@transaction.atomic
def request_link_action(*, request: Request, action: FollowUpAction, by) -> Request:
    """Link an open follow-up action of a body of the request's community: the meeting's measure carries the request."""
    request = _lock(request)
    _require_handler(by, request)
    committee = action.meeting.committee
    if committee.community_id != request.community_id:
        raise ValidationError(_("Choose a follow-up action of a body of this request’s community."))
    if action.status != ActionStatus.OPEN:
        raise ValidationError(_("This follow-up action is already done."))
    if request.follow_up_actions.filter(pk=action.pk).exists():
        raise ValidationError(_("This follow-up action is already linked."))
    request.follow_up_actions.add(action)
    note = stored(
        gettext_lazy("Linked to the follow-up action “%(action)s” of %(committee)s."), action=action.title, committee=committee.name
    )
    event_record(request=request, kind=EventKind.FOLLOW_UP, actor=by, note=note)
    return request


@transaction.atomic
def need_requests_resolve(*, need: Need, by, result: str) -> list[Request]:
    """A need was carried out (registered with committees): the loop closes for the requests it answers.

    Each open request of the cluster (not only one whose page linked an action) walks the workflow's own steps
    to resolved, for its resident to confirm or reopen; the last step's timeline event carries the result.
    Requests already resolved, closed, rejected or merged stay as they are. Each filer is told once, under the
    need's key that its supporters share, so committees then tells only the supporters who filed nothing.
    The authority is the body's decision: whoever completed its last action is the actor, as for the need.
    """
    items = _lock_all(link_selectors.need_cluster(need=need).only("pk"))
    committee = need.committee.name if need.committee else ""
    note = stored(
        gettext_lazy("%(committee)s carried out the need “%(need)s”: %(result)s"), committee=committee, need=need.title, result=result
    )
    events = {item.pk: _resolve_for_need(item, by=by, note=note) for item in items if item.status in OPEN_STATUSES}
    for item in sorted(items, key=lambda row: row.pk not in events):  # a filer with a request to confirm hears of that one
        key = committee_needs.notification_key(need, committee_needs.IMPLEMENTED, item.resident_id)
        notify.need_carried_out(item, events.get(item.pk), need=need, committee=committee, result=result, key=key)
    return [item for item in items if item.pk in events]


def _resolve_for_need(item: Request, *, by, note: str) -> TimelineEvent:
    """The shortest way the workflow allows to resolved, quietly (the filer is told once, of the outcome)."""
    *steps, last = workflow.path_to(item.status, Status.RESOLVED)
    for status in steps:
        status_move(request=item, to=status, by="staff", actor=by, tell=False)
    return status_move(request=item, to=last, by="staff", actor=by, note=note, kind=EventKind.NEED_DONE, tell=False)
