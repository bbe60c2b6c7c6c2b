"""Public reads of requests: the anonymised feed, statistics, the three rates 三率 and similar requests.

Everything here is safe to show to anyone: querysets are restricted to public requests and
to the columns a public page may print (never the reporter, the unit or the building), and
every figure is a database aggregate, so a page costs the same few queries whatever the size.
The rate functions take (node, start, end) so reports can reuse them; the figures every page shows are
built from them in `public.figures`.
"""

from datetime import datetime

from django.db import connection
from django.db.models import (
    Aggregate,
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Extract

from courtyards.selectors import node_by_code
from governance.core.text import control_character

from .. import similarity
from ..choices import OPEN_STATUSES, Satisfaction, Status
from ..clock import ontime
from ..clock.ontime import Rate
from ..links.selectors import need_cluster
from ..models import OWNER_JOINS, OWNER_NAME_FIELDS, Callback, Category, FeedFollow, Request

# Columns a public page may read; the reporter is joined only when they chose to be named.
FEED_FIELDS = (
    "number",
    "title",
    "status",
    "created_at",
    "updated_at",
    "resolved_at",
    "support_count",
    "reporter_public",
    *OWNER_NAME_FIELDS,
    "category__code",
    "category__name_zh",
    "category__name_en",
    "community__code",
    "community__name",
    "courtyard__code",
    "courtyard__name",
    "resident__display_name",
    "covenant__code",
    "covenant__title",
)
NOT_COUNTED = (Status.MERGED,)  # a merged duplicate is counted once, in the request it joined
RESOLVED_STATES = (Status.RESOLVED, Status.CLOSED)


def public_requests() -> QuerySet[Request]:
    return Request.objects.filter(public=True).exclude(status__in=NOT_COUNTED)


def node_filter(node) -> Q:
    """Requests under a district, street, community or courtyard: one indexed equality."""
    return Q(**{f"{node.level}_id": node.pk})


def community_feed(*, community) -> QuerySet[Request]:
    """Recent public requests of a community, newest first, with only what a stranger may read."""
    return (
        public_requests()
        .filter(community=community)
        .select_related("category", "courtyard", "resident", "covenant", *OWNER_JOINS)
        .only(*FEED_FIELDS)
        .order_by("-created_at", "-pk")
    )


def courtyards_feed(*, courtyards) -> QuerySet[Request]:
    """Recent public requests at these courtyards (those near a point), newest first, as the community feed shows them."""
    return (
        public_requests()
        .filter(courtyard__in=courtyards)
        .select_related("category", "community", "courtyard", "resident", "covenant", *OWNER_JOINS)
        .only(*FEED_FIELDS)
        .order_by("-created_at", "-pk")
    )


def need_requests(*, need) -> QuerySet[Request]:
    """The requests a council need answers, oldest first, with the columns a public page may print and whether
    each is public (the page shows the public ones and counts the others)."""
    return (
        need_cluster(need=need)
        .exclude(status__in=NOT_COUNTED)
        .select_related("category", "community", "courtyard", "resident", "covenant", *OWNER_JOINS)
        .only(*FEED_FIELDS, "public")
        .order_by("created_at", "pk")
    )


def follows(*, user, community) -> bool:
    return user.is_authenticated and FeedFollow.objects.filter(user=user, community=community).exists()


# --- statistics ---------------------------------------------------------------------------


class Median(Aggregate):
    """PostgreSQL's percentile_cont(0.5): the median computed by the database."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _resolve_duration() -> ExpressionWrapper:
    return ExpressionWrapper(F("resolved_at") - F("created_at"), output_field=DurationField())


def median_resolve_hours(queryset: QuerySet[Request]) -> float | None:
    """Median hours from submission to resolution of the resolved requests of `queryset`."""
    resolved = queryset.filter(resolved_at__isnull=False)
    if connection.vendor == "postgresql":
        seconds = resolved.aggregate(m=Median(Extract(_resolve_duration(), "epoch")))["m"]
        return None if seconds is None else seconds / 3600
    return median_resolve_hours_ordered(resolved)


def median_resolve_hours_ordered(resolved: QuerySet[Request]) -> float | None:
    """Any database: count, then read the one or two middle durations with ORDER BY/OFFSET (never all rows)."""
    n = resolved.count()
    if not n:
        return None
    ordered = resolved.annotate(d=_resolve_duration()).order_by("d").values_list("d", flat=True)
    middle = list(ordered[(n - 1) // 2 : n // 2 + 1])
    return sum(d.total_seconds() for d in middle) / len(middle) / 3600


def with_median_hours(queryset: QuerySet[Request], **aggregates) -> dict:
    """`aggregates` of `queryset` plus `median_hours` to resolve: one query on PostgreSQL (the median ignores open rows' NULL)."""
    if connection.vendor != "postgresql":
        return queryset.aggregate(**aggregates) | {"median_hours": median_resolve_hours_ordered(queryset.filter(resolved_at__isnull=False))}
    row = queryset.aggregate(**aggregates, median_seconds=Median(Extract(_resolve_duration(), "epoch")))
    seconds = row.pop("median_seconds")
    return row | {"median_hours": None if seconds is None else seconds / 3600}


def by_status(queryset: QuerySet[Request]) -> list[dict]:
    rows = queryset.order_by().values("status").annotate(n=Count("pk")).order_by("-n", "status")
    labels = dict(Status.choices)
    return [{"status": row["status"], "label": labels.get(row["status"], row["status"]), "n": row["n"]} for row in rows]


def by_category(queryset: QuerySet[Request]) -> list[dict]:
    rows = (
        queryset.order_by()
        .values("category__code", "category__name_zh", "category__name_en")
        .annotate(n=Count("pk"))
        .order_by("-n", "category__code")
    )
    return [
        {
            "code": row["category__code"],
            "label": Category(name_zh=row["category__name_zh"], name_en=row["category__name_en"]).name,
            "n": row["n"],
        }
        for row in rows
    ]


def node_requests(*, node, start: datetime | None = None, end: datetime | None = None) -> QuerySet[Request]:
    """Every request filed under `node` in [start, end), public or not: counts name no one."""
    queryset = Request.objects.filter(node_filter(node)).exclude(status__in=NOT_COUNTED)
    if start is not None:
        queryset = queryset.filter(created_at__gte=start)
    if end is not None:
        queryset = queryset.filter(created_at__lt=end)
    return queryset


# --- the three rates 三率 -------------------------------------------------------------------


def _under(node):
    return Request.objects.filter(node_filter(node)).exclude(status__in=NOT_COUNTED)


def response_rate(node, start: datetime, end: datetime) -> Rate:
    """响应率 of the requests under `node` whose accept deadline fell in [start, end) (see clock.ontime)."""
    return ontime.response_rate(_under(node), start, end)


def resolution_rate(node, start: datetime, end: datetime) -> Rate:
    """解决率 of the requests under `node` whose resolve deadline fell in [start, end) (see clock.ontime)."""
    return ontime.resolution_rate(_under(node), start, end)


def satisfaction_rate(node, start: datetime, end: datetime) -> Rate:
    """满意率, by one rule (docs/requests.md, "满意率"), over the requests closed in [start, end):

    a request is satisfied if its latest reached callback 回访 says satisfied or basically satisfied,
    dissatisfied if it says dissatisfied; without a reached callback, the resident's rating decides
    (4-5 satisfied, 1-3 dissatisfied); a request with neither is not counted.
    """
    closed = _under(node).filter(closed_at__gte=start, closed_at__lt=end).annotate(heard=latest_callback_satisfaction())
    judged = Q(heard__isnull=False) | Q(rating__isnull=False)
    satisfied = Q(heard__in=SATISFIED) | Q(heard__isnull=True, rating__gte=4)
    row = closed.aggregate(d=Count("pk", filter=judged), n=Count("pk", filter=satisfied))
    return Rate(row["n"], row["d"])


SATISFIED = (Satisfaction.SATISFIED, Satisfaction.BASICALLY)


def latest_callback_satisfaction() -> Subquery:
    """What the resident said in the request's latest callback that reached them (None if none did)."""
    reached = Callback.objects.filter(request=OuterRef("pk"), reached=True).order_by("-done_at", "-pk")
    return Subquery(reached.values("satisfaction")[:1])


def three_rates(node, start: datetime, end: datetime) -> dict[str, Rate]:
    response, resolution = ontime.deadline_rates(_under(node), start, end)  # both in one query
    return {"response": response, "resolution": resolution, "satisfaction": satisfaction_rate(node, start, end)}


# --- similar open requests, while a resident types ------------------------------------------

search_terms = similarity.search_terms  # how a typed text is split into terms (pg_trgm aside): kept here for readers


def similar_open(*, category: Category, community, courtyard=None, text: str, title: str = "", limit: int = 5) -> QuerySet[Request]:
    """Open public requests of the same category and community like `title` + `text`, best first, in one query."""
    same_courtyard = (
        Case(When(courtyard=courtyard, then=Value(1)), default=Value(0), output_field=IntegerField()) if courtyard else Value(0)
    )
    candidates = public_requests().filter(category=category, community=community, status__in=OPEN_STATUSES)
    return (
        similarity.alike(candidates, text=text, title=title)
        .annotate(here=same_courtyard)
        .select_related("category", "courtyard", "community")
        .only(
            "number",
            "title",
            "status",
            "created_at",
            "support_count",
            "category__name_zh",
            "category__name_en",
            "courtyard__name",
            "community__name",
            "resident",  # the resident's own open request is named as theirs, not offered for a +1
        )
        .order_by("-here", "-rank", "-support_count", "-created_at")[:limit]
    )


def similar_for_place(*, category_code: str, place_code: str, text: str, title: str = "", limit: int = 5) -> list[Request]:
    """similar_open for the codes a submit form holds: a category and a community, courtyard, building or unit."""
    if control_character(category_code + place_code + title + text):  # PostgreSQL cannot compare with a NUL: no such place
        return []
    # A form's <select> may hold the category's id rather than its code: accept both.
    by = {"pk": int(category_code)} if category_code.isdigit() else {"code": category_code}
    category = Category.objects.filter(active=True, **by).first() if category_code else None
    place = node_by_code(code=place_code) if place_code else None
    if category is None or place is None or place.level in ("district", "street"):
        return []
    community = place if place.level == "community" else place.community
    courtyard = place if place.level == "courtyard" else getattr(place, "courtyard", None)
    return list(similar_open(category=category, community=community, courtyard=courtyard, text=text, title=title, limit=limit))
