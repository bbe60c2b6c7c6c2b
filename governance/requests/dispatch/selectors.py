"""Reads about the bodies that own requests: who handles which department or committee."""

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext as _

from committees import selectors as committee_selectors
from committees.choices import CommitteeKind
from committees.models import Committee
from committees.selectors import committee_handler_ids
from courtyards.models import Community
from governance.accounts import permissions
from governance.accounts.models import User
from governance.accounts.permissions import Action

from ..choices import OwnerBody
from ..models import Request
from .models import Department, DepartmentHandler, RequestCoHandler
from .routing import Owner


def departments_handled_by(user) -> QuerySet[Department]:
    """Departments in which `user` is an active handler (registered with the permission module)."""
    return Department.objects.filter(handlers__user_id=user.pk, handlers__active=True, active=True)


def owner_handlers(request: Request) -> QuerySet[User]:
    """The people of the request's owning body: its department's active handlers, its committee's chair,
    vice-chair and handling members; nobody when the tree itself (community, street, district) owns it."""
    return unit_handlers(committee_id=request.owner_committee_id, department_id=request.owner_department_id)


def unit_handlers(*, committee_id=None, department_id=None) -> QuerySet[User]:
    """The active people who handle a department's or a committee's requests (owner or 协办 alike)."""
    if department_id:
        held = DepartmentHandler.objects.filter(department_id=department_id, active=True).values("user_id")
    elif committee_id:
        held = committee_handler_ids(committee_id=committee_id)
    else:
        return User.objects.none()
    return User.objects.filter(pk__in=held, is_active=True)


def cohandlers_current(*, request: Request) -> QuerySet[RequestCoHandler]:
    """The units co-handling the request now (协办), in the order they were added."""
    return request.cohandlers.filter(ended_at__isnull=True).select_related("committee", "department")


def cohandler_targets(*, request: Request) -> list[tuple[str, str]]:
    """The committees and departments of `owner_targets` that may co-handle: not the owner, not a current co-handler."""
    taken = {_row_value(row) for row in cohandlers_current(request=request)}
    if request.owner_department_id or request.owner_committee_id:
        taken.add(unit_value(committee=request.owner_committee, department_id=request.owner_department_id))
    return [(value, name) for value, name in owner_targets(request=request) if ":" in value and value not in taken]


def unit_value(*, committee=None, department_id=None) -> str:
    """The target value ("committee:<code>", "department:<pk>") naming a department or a committee."""
    return f"department:{department_id}" if department_id else f"committee:{committee.code}"


def _row_value(row: RequestCoHandler) -> str:
    return unit_value(committee=row.committee, department_id=row.department_id)


def cohandler_named(*, request: Request, target: str) -> RequestCoHandler | None:
    """The current co-handling row for the unit a target value names, if there is one."""
    return next((row for row in cohandlers_current(request=request) if _row_value(row) == target), None)


def owner_targets(*, request: Request) -> list[tuple[str, str]]:
    """Where a dispatcher may send the request, or its owner transfer it: (value, name) for the community's
    committees and groups, the departments of its street and district, the community and the street office."""
    bodies = committee_selectors.owning_bodies(community_id=request.community_id)
    departments = Department.objects.filter(
        Q(street_id=request.street_id) | Q(street__isnull=True, district_id=request.district_id), active=True
    )
    # One query for both lists (a UNION), each in its own order: the bodies by kind and name, then the street's
    # departments before the district's.
    committee_rows = bodies.order_by().annotate(
        value=Concat(Value("committee:"), "code", output_field=CharField()), rank=Value(0), sub=F("kind")
    )
    department_rows = departments.order_by().annotate(
        value=Concat(Value("department:"), Cast("pk", CharField()), output_field=CharField()), rank=Value(1), sub=_street_last()
    )
    union = committee_rows.values_list("value", "name", "rank", "sub").union(
        department_rows.values_list("value", "name", "rank", "sub"), all=True
    )
    targets = [(value, name) for value, name, _rank, _sub in union.order_by("rank", "sub", "name")]
    return [*targets, ("community", request.community.name), ("street", request.street.name)]


def bulk_dispatch_targets(*, user) -> list[tuple[str, str]]:
    """Where the queue's selected requests may go together: the units of the one community `user` manages, else
    each request's own community or street office (the service checks every target against each request)."""
    communities = list(permissions.visible(user, Community.objects.select_related("street"), Action.MANAGE)[:2])
    if len(communities) != 1:
        return [("community", _("Each request's community")), ("street", _("Each request's street office"))]
    community = communities[0]
    place = Request(community=community, street=community.street, district_id=community.street.district_id)
    return owner_targets(request=place)


def _street_last():
    """Sorts a street's departments before the district's (the street-less ones), as text to match a body's kind."""
    return Case(When(street__isnull=True, then=Value("1")), default=Value("0"), output_field=CharField())


def target_owner(*, request: Request, target: str) -> Owner | None:
    """The owner a target value names, if it is one of `owner_targets` for this request."""
    if target not in {value for value, _name in owner_targets(request=request)}:
        return None
    kind, _sep, key = target.partition(":")
    if kind == "committee":
        committee = Committee.objects.get(code=key)
        body = OwnerBody.COURTYARD_GROUP if committee.kind == CommitteeKind.COURTYARD_GROUP else OwnerBody.COMMITTEE
        return Owner(body=body, committee_type=committee.topic if body == OwnerBody.COMMITTEE else "", committee=committee)
    if kind == "department":
        return Owner(body=OwnerBody.DEPARTMENT, department=Department.objects.get(pk=key))
    return Owner(body=OwnerBody(kind))
