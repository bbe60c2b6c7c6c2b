"""Reads of requests, each scoped through the permission module, with their joins applied."""

from django.conf import settings
from django.db.models import BooleanField, Case, Count, F, IntegerField, Q, QuerySet, Subquery, Value, When
from django.http import Http404
from django.utils import timezone

from courtyards.models import Courtyard
from courtyards.selectors import courtyards_nearest
from governance.accounts import permissions
from governance.accounts.models import User
from governance.accounts.permissions import Action
from governance.core import versioned_cache
from governance.core.lookups import EqualsAnyOf

from . import similarity
from .choices import OPEN_STATUSES, CallbackStatus, Status
from .clock import pauses
from .models import OWNER_JOINS, Callback, Category, Request, RequestPhoto, ResponseTemplate, TimelineEvent
from .workflow.rules import overdue_arms, overdue_q


def overdue_visible(*, user, queryset: QuerySet[Request]) -> QuerySet[Request]:
    """The overdue rows of `queryset` (already scoped to `user`), found through the node's open-backlog indexes.

    The scope is an OR of branches (the user's streets, communities, own rows, bodies), each `column IN
    (subquery)`. Inside an OR PostgreSQL keeps such a branch as a filter, so the overdue rows of the whole
    district are read and then filtered. Restated as `column = ANY(ARRAY(subquery))` (the subquery runs
    once) each branch x overdue arm is an index condition of its own partial index, OR-ed in one bitmap.
    """
    now = timezone.now()
    branches = permissions.scope_branches(user, Request, Action.VIEW)
    if branches is None:  # everything is in scope: the status-and-due-date indexes serve directly
        return queryset.filter(overdue_q(now))
    narrowed = Q(pk__in=[])
    for branch in branches:
        for arm in overdue_arms(now):
            narrowed |= arm & _as_array_lookup(branch)
    return queryset.filter(narrowed)


def _as_array_lookup(branch: Q):
    if len(branch.children) == 1 and not isinstance(branch.children[0], Q):
        lookup, value = branch.children[0]
        if lookup.endswith("__in") and isinstance(value, QuerySet):
            return EqualsAnyOf(F(lookup[: -len("__in")]), Subquery(value))
    return branch


def request_queue(*, user) -> QuerySet[Request]:
    """Requests in the staff member's area, newest first, with what the queue shows joined in."""
    queryset = Request.objects.select_related("category", "assignee", "courtyard", *OWNER_JOINS).annotate(
        overdue=Case(When(overdue_q(), then=Value(True)), default=Value(False), output_field=BooleanField()),
        # 协办: marked for the people of a unit that co-handles it (the permission module says which rows those are).
        cohandling=Case(When(permissions.shared_q(user, Request), then=Value(True)), default=Value(False), output_field=BooleanField()),
    )
    # Newest first, which the (street|community, status, -created_at) indexes serve; supervised ones are flagged and filterable.
    return permissions.visible(user, queryset, Action.VIEW).order_by("-created_at")


def open_counts_by_grid(user, grid_ids) -> dict[int, int]:
    """Open requests per grid among those `user` may see: one aggregate query (the grid pages' figure)."""
    rows = permissions.visible(user, Request.objects.filter(grid_id__in=list(grid_ids), status__in=OPEN_STATUSES), Action.VIEW)
    return dict(rows.order_by().values("grid_id").annotate(n=Count("pk")).values_list("grid_id", "n"))


def requests_of_resident(*, user) -> QuerySet[Request]:
    return Request.objects.filter(resident=user).select_related("category", "community", "merged_into").order_by("-created_at")


def request_get(*, user, number: str, action: str = Action.VIEW) -> Request:
    """The request if `user` may `action` it, else 404."""
    return permissions.get_or_404(user, _request_rows(), action, number=number)


def request_for_staff_page(*, user, number: str) -> Request:
    """`request_get`, with its open pause read in the same query (the action list and the clock section ask)."""
    return permissions.get_or_404(user, _request_rows().annotate(**pauses.open_pause_read_along()), Action.VIEW, number=number)


def _request_rows() -> QuerySet[Request]:
    return Request.objects.select_related(
        *OWNER_JOINS,
        "category",
        "courtyard",
        "building",
        "unit",
        "resident",
        "assignee",
        "merged_into",
        "supervised_by",
        "need",
        "covenant",
    )


def timeline(*, request: Request, include_internal: bool) -> QuerySet[TimelineEvent]:
    events = request.events.select_related("actor")
    return events if include_internal else events.filter(public=True)


def works_on(*, user, request: Request) -> bool:
    """Reads the internal events in the API: staff, field workers and the owning bodies' people, not the
    reporter nor a hotline operator (they read the public story, as the resident does)."""
    return request.resident_id != user.pk and permissions.may_open_work_pages(user)


def photos_of(*, request: Request) -> QuerySet[RequestPhoto]:
    return request.photos.all()


def photo_get_for_user(*, user, code) -> RequestPhoto:
    """A photo for whoever may see its request; for everyone else 404, as if it did not exist."""
    photo = RequestPhoto.objects.select_related("request").filter(code=code).first()
    if photo is None:
        raise Http404
    request = photo.request
    shown_publicly = request.public and request.photos_public and request.status != Status.MERGED
    if shown_publicly or permissions.can(user, Action.VIEW, request):
        return photo
    raise Http404


def assignee_choices(*, request: Request) -> QuerySet[User]:
    """Staff and field workers who may work on the request: exactly those request_assign accepts."""
    return permissions.users_who_can(Action.FIELD, request).order_by("display_name", "username")


def assignable_users(*, user) -> QuerySet[User]:
    """People a staff member may pick for bulk assignment: those who may work on requests in their area."""
    return permissions.users_who_can_within(user, Request, Action.FIELD).order_by("display_name", "username")


def places_offered(*, user, near: tuple | None = None) -> dict:
    """Where a resident may file a request: their verified home unit, its courtyard, its community,
    the public space of their community's other courtyards, and the courtyards near `near`
    (latitude, longitude: where their phone says they stand), each of those with `.distance_metres`.

    The request form offers these as choices and the API accepts their codes; nothing else, so
    no one files at another resident's unit.
    """
    home = getattr(user, "home_unit", None)
    if home is None:
        return {}
    offered = {"unit": home, "courtyard": home.courtyard, "community": home.community}
    for courtyard in places_near(near) if near else []:
        offered[courtyard.code] = courtyard
    neighbours = Courtyard.objects.filter(community_id=home.community_id).exclude(pk=home.courtyard_id).order_by("code")
    for courtyard in neighbours:
        offered.setdefault(courtyard.code, courtyard)
    return offered


def places_near(point: tuple) -> list[Courtyard]:
    """The courtyards within settings.REQUEST_LOCATE_MAX_METRES of (latitude, longitude), nearest first."""
    latitude, longitude = point
    return courtyards_nearest(latitude=latitude, longitude=longitude, within_metres=settings.REQUEST_LOCATE_MAX_METRES, limit=5)


def place_offered(*, user, choice: str, near: tuple | None = None):
    """The offered place named by a form choice ("unit") or by its code ("xinhong-nanlu"), or None."""
    offered = places_offered(user=user, near=near)
    return offered.get(choice) or next((place for place in offered.values() if place.code == choice), None)


MERGE_CHOICES = 50


def merge_targets(*, request: Request, search: str = "") -> QuerySet[Request]:
    """The open requests of the community to merge into, the most alike first (the same category, then the title's
    likeness, then the newest): 50 of them, of those matching `search` (title or tracking number) if given."""
    targets = Request.objects.filter(community_id=request.community_id, status__in=OPEN_STATUSES).exclude(pk=request.pk)
    if search:
        targets = targets.filter(Q(title__contains=search) | Q(number__contains=search.upper()))
    same_category = Case(When(category_id=request.category_id, then=Value(1)), default=Value(0), output_field=IntegerField())
    ranked = similarity.ranked(targets.annotate(same_category=same_category), text=request.title)
    return ranked.order_by("-same_category", "-rank", "-created_at").only("number", "title", "created_at")[:MERGE_CHOICES]


RESPONSE_TEMPLATES = "response-templates"


def response_templates(*, request: Request) -> list[ResponseTemplate]:
    """The prepared answers for the request's category and street, cached until one changes (each row shows its
    title and text in the reader's language when the page renders)."""
    rows = ResponseTemplate.objects.filter(
        Q(category__isnull=True) | Q(category_id=request.category_id), Q(street__isnull=True) | Q(street_id=request.street_id)
    )
    parts = [request.category_id, request.street_id]
    return versioned_cache.versioned(subject=RESPONSE_TEMPLATES, parts=parts, build=lambda: list(rows), seconds=3600)


def response_templates_changed(**kwargs) -> None:
    """Connected to the template's post_save and post_delete (apps.py): the cached lists are forgotten."""
    versioned_cache.forget([RESPONSE_TEMPLATES])


def categories_active() -> QuerySet[Category]:
    return Category.objects.filter(active=True)


def callback_queue(*, user) -> QuerySet[Callback]:
    queryset = Callback.objects.select_related("request", "request__resident", "community").order_by("status", "-created_at")
    return permissions.visible(user, queryset.filter(status=CallbackStatus.OPEN), Action.VIEW)


def after_rating(*, request: Request) -> dict | None:
    """What the resident is told once they have rated: whether community staff will call them back (a callback 回访
    is open: always after a rating of 1-2, else the category's share), one query. None when it closed unrated."""
    if request.rating is None:
        return None
    return {"callback": request.callbacks.filter(status=CallbackStatus.OPEN).exists(), "low": request.rating <= 2}
