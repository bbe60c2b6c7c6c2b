"""Reads for linking a request to self-governance: similar requests, the community's bodies, a need's cluster,
covenants, open actions."""

from django.db import connection
from django.db.models import CharField, Exists, FloatField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast

from committees import selectors as committee_selectors
from committees.choices import ActionStatus
from committees.models import Committee, FollowUpAction
from courtyards.models import Covenant
from governance.accounts import permissions
from governance.accounts.permissions import Action

from ..choices import OPEN_STATUSES
from ..models import Request


def need_candidates(*, request: Request, user) -> QuerySet[Request]:
    """Other open requests of the same community and category, not yet in a need, that `user` may manage."""
    similar = Request.objects.filter(
        community_id=request.community_id, category_id=request.category_id, status__in=OPEN_STATUSES, need__isnull=True
    ).exclude(pk=request.pk)
    return permissions.visible(user, similar, Action.MANAGE).only("pk", "number", "title", "created_at").order_by("-created_at")


NEWEST_CHOICES = 50  # what a page offers to tick; a search finds older ones


def matching(queryset: QuerySet[Request], search: str) -> QuerySet[Request]:
    """Requests whose title or tracking number holds `search` (__contains: Chinese has no case)."""
    return queryset.filter(Q(title__contains=search) | Q(number__contains=search.upper())) if search else queryset


def need_choices(*, request: Request, user, search: str = "") -> QuerySet[Request]:
    """The candidates a page offers: the newest 50, of those matching `search` if given (validation uses need_candidates)."""
    return matching(need_candidates(request=request, user=user), search)[:NEWEST_CHOICES]


def need_committees(*, request: Request, user) -> QuerySet[Committee]:
    """The active bodies of the request's community (and its courtyards) that `user` may put needs before."""
    bodies = committee_selectors.community_committees(community=request.community).prefetch_related(None)
    return permissions.visible(user, bodies, Action.MANAGE)


def need_cluster(*, need) -> QuerySet[Request]:
    """The requests a need answers: those taken up as it, and those linked to a follow-up action of a decision on it."""
    through = Request.follow_up_actions.through.objects.filter(followupaction__decision__need=need)
    return Request.objects.filter(Q(need=need) | Q(pk__in=through.values("request_id")))


def covenants_for(*, request: Request) -> QuerySet[Covenant]:
    """Covenants that may have settled the request: community-wide ones and those of its courtyard."""
    own = Q(courtyard__isnull=True) | Q(courtyard_id=request.courtyard_id) if request.courtyard_id else Q(courtyard__isnull=True)
    return Covenant.objects.filter(own, community_id=request.community_id).select_related("courtyard").order_by("title")


def open_actions_for(*, request: Request) -> QuerySet[FollowUpAction]:
    """Open follow-up actions of the bodies of the request's community, not yet linked to it."""
    return (
        FollowUpAction.objects.filter(_open_q(request))
        .exclude(requests=request)
        .select_related("meeting__committee")
        .order_by("due_on", "pk")
    )


def actions_of(*, request: Request) -> QuerySet[FollowUpAction]:
    return request.follow_up_actions.select_related("meeting__committee").order_by("due_on", "pk")


def actions_around(*, request: Request) -> tuple[list[FollowUpAction], list[FollowUpAction]]:
    """`actions_of` and `open_actions_for` in one query: the staff page shows the first and offers the second."""
    through = Request.follow_up_actions.through.objects.filter(request_id=request.pk)
    rows = (
        FollowUpAction.objects.filter(Q(pk__in=through.values("followupaction_id")) | _open_q(request))
        .annotate(linked=Exists(through.filter(followupaction_id=OuterRef("pk"))))
        .select_related("meeting__committee")
        .order_by("due_on", "pk")
    )
    rows = list(rows)  # open ones already linked are the first list's: open_actions_for leaves them out
    return [row for row in rows if row.linked], [row for row in rows if not row.linked]


def _open_q(request: Request) -> Q:
    return Q(status=ActionStatus.OPEN, meeting__committee__community_id=request.community_id)


def offered_requests(*, merge_targets: QuerySet[Request], request: Request, user, search: str = "") -> tuple[list[Request], list[Request]]:
    """The page's two short lists of other requests in one query (a UNION): `merge_targets` (the most alike first,
    its `same_category` and `rank` annotated) and `need_choices` (newest first: given the same columns, constant)."""
    fields = ("number", "title", "created_at")
    merge = merge_targets.only(*fields).annotate(offer=Value("merge", CharField()))
    need = need_choices(request=request, user=user, search=search).only(*fields)
    need = need.annotate(same_category=Value(1), rank=Cast(Value(0.0), FloatField()), offer=Value("need", CharField()))
    if not connection.features.supports_slicing_ordering_in_compound:  # the embedded database: two queries
        return list(merge), list(need)
    rows = sorted(merge.union(need, all=True), key=lambda row: (row.same_category, row.rank, row.created_at), reverse=True)
    return [row for row in rows if row.offer == "merge"], [row for row in rows if row.offer == "need"]
