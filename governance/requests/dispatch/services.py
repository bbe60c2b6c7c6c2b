"""Writes to departments and their handlers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.accounts import permissions
from governance.accounts.permissions import Action

from .. import notify, services
from ..choices import OPEN_STATUSES, EventKind, OwnerBody, Status
from ..clock import warnings
from ..models import Request
from . import routing
from .models import Department, DepartmentHandler, DispatchState, RequestCoHandler
from .routing import Owner
from .selectors import cohandler_named, cohandler_targets, owner_handlers, target_owner, unit_handlers


@transaction.atomic
def department_create(*, name: str, kind: str, district, street=None) -> Department:
    """A department of `street` (or of the whole `district` when no street is given)."""
    department = Department(name=name.strip(), kind=kind, district=district, street=street)
    department.full_clean()
    department.save()
    return department


@transaction.atomic
def department_handler_add(*, department: Department, user) -> DepartmentHandler:
    """`user` handles the requests `department` owns; adding a current handler again changes nothing."""
    handler, _created = DepartmentHandler.objects.select_for_update().get_or_create(department=department, user=user, active=True)
    permissions.forget_assignments(user)  # the bodies they handle changed
    return handler


@transaction.atomic
def department_handler_end(*, handler: DepartmentHandler) -> DepartmentHandler:
    """The person no longer handles the department's requests; the row stays as history."""
    handler = DepartmentHandler.objects.select_for_update().get(pk=handler.pk)
    handler.active = False
    handler.save(update_fields=["active"])
    permissions.forget_assignments(handler.user)
    return handler


# --- dispatch between units (派单, 转办, 退单) ---------------------------------------------------------

BEFORE_WORK = frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.REOPENED})


def may_dispatch(user, request: Request) -> bool:
    """The dispatcher: staff whose role on the tree lets them manage the request (community or street staff)."""
    if getattr(user, "is_superuser", False):
        return True
    # Asked for each action the staff page offers: the roles cached on the user answer it, as users_who_can would.
    return bool(getattr(user, "is_active", False)) and permissions.covers(user, Action.MANAGE, request)


def is_owner_handler(user, request: Request) -> bool:
    """One of the owning body's people (a committee's chair, a department's handlers)."""
    return owner_handlers(request).filter(pk=user.pk).exists()


def may_pass_on(user, request: Request) -> bool:
    """The owning body may transfer or return a request it owns, before work on it has started."""
    body_owned = request.owner_committee_id is not None or request.owner_department_id is not None
    return body_owned and request.status in BEFORE_WORK and is_owner_handler(user, request)


def _owner_change(request: Request, *, target: str) -> Owner:
    owner = target_owner(request=request, target=target)
    if owner is None:
        raise ValidationError({"owner": _("Choose a unit this request can go to.")})
    if (owner.body, owner.committee, owner.department) == (request.owner_body, request.owner_committee, request.owner_department):
        raise ValidationError({"owner": _("The request is already with this unit.")})
    return owner


def _move(request: Request, owner: Owner, *, state: str) -> tuple[str, tuple]:
    """Give the request to `owner` and mark where it stands; returns the previous owner's name and unit."""
    previous = request.owner_name, services.owner_unit(request)
    routing.owner_apply(request, owner)
    request.dispatch_state = state
    request.save()
    return previous


@transaction.atomic
def request_dispatch(*, request: Request, by, target: str, note: str = "") -> Request:
    """派单: the dispatcher gives the request to a unit (a committee, a group, a department, the community or the street)."""
    request = services.lock(request)
    if not may_dispatch(by, request) or request.status not in OPEN_STATUSES:
        raise ValidationError(_("Only the dispatcher can dispatch an open request."))
    _name, unit = _move(request, _owner_change(request, target=target), state=DispatchState.NONE)
    if request.dispatched_at is None:
        _clock_start(request, timezone.now())
    text = services.stored(gettext_lazy("Dispatched to %(owner)s."), owner=request.owner_name)
    event = services.event_record(
        request=request,
        kind=EventKind.DISPATCHED,
        actor=by,
        note=note.strip(),
        message=text,
        from_unit=unit,
        to_unit=services.owner_unit(request),
    )
    notify.dispatched(request, event)
    return request


@transaction.atomic
def request_transfer(*, request: Request, by, target: str, reason: str) -> Request:
    """转办: the owning body hands the request to another unit, saying why."""
    request = services.lock(request)
    _require_pass_on(by, request, reason)
    previous, unit = _move(request, _owner_change(request, target=target), state=DispatchState.TRANSFERRED)
    text = services.stored(gettext_lazy("Transferred from %(old)s to %(new)s."), old=previous, new=request.owner_name)
    event = services.event_record(
        request=request,
        kind=EventKind.TRANSFERRED,
        actor=by,
        note=reason.strip(),
        message=text,
        from_unit=unit,
        to_unit=services.owner_unit(request),
    )
    notify.dispatched(request, event)
    return request


@transaction.atomic
def request_return(*, request: Request, by, reason: str) -> Request:
    """退单: the owning body sends the request back to the dispatcher (the community), marked returned, saying why."""
    request = services.lock(request)
    _require_pass_on(by, request, reason)
    previous, unit = _move(request, Owner(body=OwnerBody.COMMUNITY), state=DispatchState.RETURNED)
    text = services.stored(gettext_lazy("Returned by %(old)s to the dispatcher."), old=previous)
    event = services.event_record(request=request, kind=EventKind.RETURNED, actor=by, note=reason.strip(), message=text, from_unit=unit)
    notify.returned(request, event)
    return request


def _clock_start(request: Request, now) -> None:
    """The first 派单 of a request that waited in the dispatcher's queue: its deadlines, judged and working, and
    its warn times count from now. Later moves (转办, 退单, a new 派单) never reset the judged ones."""
    request.dispatched_at = now
    if request.status == Status.SUBMITTED:  # one the dispatcher's level already took on keeps its clock
        for name, value in services.deadlines_from(now, request.category).items():
            setattr(request, name, value)
        warnings.warn_times_set(request, now)
    request.save()


def _require_pass_on(user, request: Request, reason: str) -> None:
    if not may_pass_on(user, request):
        raise ValidationError(_("Only the owning unit can transfer or return a request, before work on it starts."))
    if not reason.strip():
        raise ValidationError({"note": _("Say why.")})


# --- co-handling units (协办) ---------------------------------------------------------------------


def may_cohandle(user, request: Request) -> bool:
    """The dispatcher or the owning unit's people choose which units co-handle an open request."""
    return request.status in OPEN_STATUSES and (may_dispatch(user, request) or is_owner_handler(user, request))


@transaction.atomic
def request_cohandler_add(*, request: Request, by, target: str, note: str = "") -> RequestCoHandler:
    """协办: a committee or department joins the owner on the request; its people see it and add notes."""
    request = services.lock(request)
    _require_cohandle(by, request)
    owner = target_owner(request=request, target=target)
    if owner is None or target not in {value for value, _name in cohandler_targets(request=request)}:
        raise ValidationError({"owner": _("Choose a committee or a department that does not handle this request yet.")})
    row = RequestCoHandler.objects.create(request=request, committee=owner.committee, department=owner.department, added_by=by)
    text = services.stored(gettext_lazy("Co-handled by %(unit)s."), unit=row.unit.name)
    unit = (row.committee, row.department)
    event = services.event_record(request=request, kind=EventKind.COHANDLER_ADDED, actor=by, note=note.strip(), message=text, to_unit=unit)
    notify.cohandling(request, event, people=_people_of(row), ended=False)
    return row


@transaction.atomic
def request_cohandler_end(*, request: Request, by, target: str, note: str = "") -> RequestCoHandler:
    """The unit no longer co-handles the request; the row stays as history (ended_at)."""
    request = services.lock(request)
    _require_cohandle(by, request)
    row = cohandler_named(request=request, target=target)
    if row is None:
        raise ValidationError({"owner": _("That unit does not co-handle this request.")})
    row.ended_at = timezone.now()
    row.save(update_fields=["ended_at"])
    text = services.stored(gettext_lazy("%(unit)s no longer co-handles it."), unit=row.unit.name)
    unit = (row.committee, row.department)
    event = services.event_record(
        request=request, kind=EventKind.COHANDLER_ENDED, actor=by, note=note.strip(), message=text, from_unit=unit
    )
    notify.cohandling(request, event, people=_people_of(row), ended=True)
    return row


def _require_cohandle(user, request: Request) -> None:
    if not may_cohandle(user, request):
        raise ValidationError(_("Only the dispatcher or the owning unit can choose co-handling units of an open request."))


def _people_of(row: RequestCoHandler):
    return unit_handlers(committee_id=row.committee_id, department_id=row.department_id)
