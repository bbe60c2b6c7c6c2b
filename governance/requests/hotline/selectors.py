"""Reads for the hotline: the places an operator may file at, their requests, and a request found by number and phone."""

from django.db.models import Q, QuerySet

from courtyards.models import Community, Courtyard
from governance.accounts import permissions
from governance.accounts.permissions import Action

from ..choices import Source
from ..models import Request, TimelineEvent


def places_for_operator(*, user) -> list[tuple[str, str]]:
    """(value, label) of the communities and courtyards in the operator's area, each community then its courtyards."""
    communities = permissions.visible(user, Community.objects.select_related("street"), Action.INTAKE).order_by("street__name", "name")
    courtyards = permissions.visible(user, Courtyard.objects.all(), Action.INTAKE).order_by("name")
    by_community: dict[int, list] = {}
    for courtyard in courtyards:
        by_community.setdefault(courtyard.community_id, []).append(courtyard)
    choices = []
    for community in communities:
        choices.append((f"community:{community.code}", f"{community.street.name} · {community.name}"))
        choices += [(f"courtyard:{c.code}", f"{community.name} · {c.name}") for c in by_community.get(community.pk, [])]
    return choices


def place_for_operator(*, user, value: str):
    """The community or courtyard named by a choice of places_for_operator, if in the operator's area; else None."""
    level, _sep, code = value.partition(":")
    model = {"community": Community, "courtyard": Courtyard}.get(level)
    if model is None:
        return None
    return permissions.visible(user, model.objects.all(), Action.INTAKE).filter(code=code).first()


def hotline_requests(*, user) -> QuerySet[Request]:
    """Hotline requests the operator may see (of their area), newest first."""
    queryset = Request.objects.filter(source=Source.HOTLINE).select_related("category", "community", "caller", "resident")
    return permissions.visible(user, queryset, Action.VIEW).order_by("-created_at")


def request_for_tracking(*, number: str, phone: str) -> Request | None:
    """The request with this tracking number whose reporter (account or caller record) has this phone; else None."""
    reporter = Q(resident__phone=phone) | Q(caller__phone=phone)
    return Request.objects.filter(reporter, number=number.strip().upper()).select_related("category", "community").first()


def public_timeline(*, request: Request) -> QuerySet[TimelineEvent]:
    """What the reporter may read: public events only, without who acted (staff names are not the caller's business)."""
    return request.events.filter(public=True).only("kind", "from_status", "to_status", "note", "message", "created_at", "request_id")


def request_by_number(*, number: str) -> Request | None:
    return Request.objects.filter(number=number).select_related("category", "community").first()
