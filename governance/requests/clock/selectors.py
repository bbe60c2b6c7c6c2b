"""Reads of the clock: a request's pauses and extensions, and the extensions a person decides, scoped."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from governance.accounts import permissions
from governance.accounts.choices import Role
from governance.accounts.models import RoleAssignment
from governance.accounts.permissions import Action

from ..choices import OwnerBody
from ..models import OWNER_JOINS, Request
from . import pauses
from .models import ExtensionStatus, RequestExtension, RequestPause

NOTHING = Q(pk__in=[])


def open_pause_of(*, request: Request) -> RequestPause | None:
    if hasattr(request, "open_pause_started_at"):  # read with the request (pauses.open_pause_read_along)
        return pauses.open_pause_of_row(request)
    return RequestPause.objects.filter(request=request, ended_at__isnull=True).first()


def extensions_of(*, request: Request) -> QuerySet[RequestExtension]:
    return request.extensions.select_related("requested_by", "decided_by").order_by("-created_at", "-pk")


def _nodes(user, role: str, level: str):
    return RoleAssignment.objects.filter(user_id=user.pk, role=role, level=level).values(f"{level}_id")


def decides_q(user) -> Q:
    """Extensions whose request sits one level below where `user` is staff: the filter form of
    `extensions.deciders` (community staff decide for its groups and committees, street staff for its
    communities and street departments, the district for its streets and district departments)."""
    if user.is_superuser:
        return Q()
    held = {(role, level) for role, level, _ in permissions.assignments(user)}
    department = Q(request__owner_body=OwnerBody.DEPARTMENT)
    query = NOTHING
    if (Role.COMMUNITY_STAFF, "community") in held:
        below = Q(request__owner_body__in=[OwnerBody.COURTYARD_GROUP, OwnerBody.COMMITTEE])
        query |= below & Q(request__community_id__in=_nodes(user, Role.COMMUNITY_STAFF, "community"))
    if (Role.STREET_STAFF, "street") in held:
        below = Q(request__owner_body=OwnerBody.COMMUNITY) | (department & Q(request__owner_department__street__isnull=False))
        query |= below & Q(request__street_id__in=_nodes(user, Role.STREET_STAFF, "street"))
    if (Role.DISTRICT_ADMIN, "district") in held:
        below = Q(request__owner_body=OwnerBody.STREET) | (department & Q(request__owner_department__street__isnull=True))
        query |= below & Q(request__district_id__in=_nodes(user, Role.DISTRICT_ADMIN, "district"))
    return query


def extensions_to_decide(*, user) -> QuerySet[RequestExtension]:
    """Pending extensions of requests `user` may manage (the permission module) and decides on, oldest first."""
    visible = permissions.visible(user, Request.objects.all(), Action.MANAGE)
    pending = RequestExtension.objects.filter(status=ExtensionStatus.PENDING, request__in=visible.values("pk"))
    joins = ["requested_by", "request__category", *(f"request__{name}" for name in OWNER_JOINS)]
    return pending.filter(decides_q(user)).select_related(*joins).order_by("created_at", "pk")


def extension_get(*, user, pk: int) -> RequestExtension:
    """An extension of a request `user` may manage, else 404 so existence never leaks (the service checks who decides)."""
    visible = permissions.visible(user, Request.objects.all(), Action.MANAGE)
    return get_object_or_404(RequestExtension.objects.filter(request__in=visible.values("pk")).select_related("request"), pk=pk)
