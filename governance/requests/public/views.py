"""Public pages of requests: a community's anonymised feed and statistics, +1 support, following, suggestions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courtyards import selectors as tree_selectors
from courtyards.models import Community
from courtyards.selectors import courtyards_nearest
from governance.core.pagination import CappedPaginator

from ..choices import OPEN_STATUSES
from ..forms import location_of
from . import figures as public_figures
from . import selectors as public
from . import services as public_services

PAGE_SIZE = 20
OPEN = [str(s) for s in OPEN_STATUSES]
PERIODS = (30, 90, 365)
DISTANCES = (500, 1000, 2000)  # metres around "near me"
NEAR_COURTYARDS = 50
DEFAULT_PERIOD = 90
TYPED_CHARS = 200  # of a title or description being typed: enough to find its likes, bounded for the database


def _community(code: str) -> Community:
    try:
        return tree_selectors.community_public(code=code)
    except Community.DoesNotExist:
        raise Http404 from None


def period_of(request) -> int:
    try:
        days = int(request.GET.get("days", DEFAULT_PERIOD))
    except ValueError:
        return DEFAULT_PERIOD
    return days if days in PERIODS else DEFAULT_PERIOD


@require_GET
def feed(request, code: str):
    community = _community(code)
    page = CappedPaginator(public.community_feed(community=community), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "community": community,
        "page": page,
        "following": public.follows(user=request.user, community=community),
        "open_statuses": OPEN,
    }
    return render(request, "requests/public/feed.html", context)


def distance_of(request) -> int:
    try:
        metres = int(request.GET.get("within", DISTANCES[0]))
    except ValueError:
        return DISTANCES[0]
    return metres if metres in DISTANCES else DISTANCES[0]


def _home_community(user):
    home = getattr(user, "home_unit", None) if user.is_authenticated else None
    return home.community if home is not None else None


@require_GET
def near_feed(request):
    """Public requests near a point (?lat&long, within ?within metres), else in the signed-in resident's community."""
    point, metres, community = location_of(request.GET), distance_of(request), _home_community(request.user)
    if point is not None:
        courtyards = courtyards_nearest(latitude=point[0], longitude=point[1], within_metres=metres, limit=NEAR_COURTYARDS)
        found = public.courtyards_feed(courtyards=[c.pk for c in courtyards])
    else:
        courtyards, found = [], public.community_feed(community=community) if community else public.public_requests().none()
    context = {
        "page": CappedPaginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
        "point": point,
        "metres": metres,
        "distances": DISTANCES,
        "courtyards": courtyards,
        "community": None if point else community,
        "open_statuses": OPEN,
    }
    return render(request, "requests/public/near_feed.html", context)


@require_GET
def stats(request, code: str):
    community = _community(code)
    days = period_of(request)
    stats = public_figures.statistics_of_days(node=community, days=days)
    context = {"community": community, "days": days, "periods": PERIODS, "stats": stats}
    context |= {"key": stats["figures"].shown(public_figures.KEY), "rates": stats["figures"].shown(public_figures.RATES)}
    return render(request, "requests/public/stats.html", context)


@login_required
@require_POST
def follow(request, code: str):
    community = _community(code)
    public_services.feed_follow(user=request.user, community=community)
    messages.success(request, _("You follow the public requests of %(community)s.") % {"community": community.name})
    return redirect("public_requests:feed", code=community.code)


@login_required
@require_POST
def unfollow(request, code: str):
    community = _community(code)
    public_services.feed_unfollow(user=request.user, community=community)
    messages.success(request, _("You no longer follow %(community)s.") % {"community": community.name})
    return redirect("public_requests:feed", code=community.code)


@login_required
@require_POST
def support(request, number: str):
    """+1 on an open public request; an htmx click gets the answer in place, a plain form a redirect."""
    target = public.public_requests().select_related("community").filter(number=number).first()
    if target is None:
        raise Http404
    try:
        public_services.support_add(request=target, user=request.user)
    except ValidationError as problem:
        ok, text = False, " ".join(problem.messages)
    else:
        ok, text = True, _("Thank you: your support was added.")
    if request.htmx:  # from the request form ("instead"), the answer also says there is nothing more to file
        template = "support_instead.html" if request.POST.get("instead") else "support_result.html"
        return render(request, f"requests/public/{template}", {"ok": ok, "text": text, "item": target})
    (messages.success if ok else messages.error)(request, text)
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return redirect("public_requests:feed", code=target.community.code)


@require_GET
def similar(request):
    """htmx: open public requests like the one being typed (same category and place, a node's code), or nothing."""
    query = request.GET
    found = public.similar_for_place(
        category_code=query.get("category", ""),
        place_code=query.get("place", ""),
        title=query.get("title", "")[:TYPED_CHARS],
        text=query.get("text", "")[:TYPED_CHARS],
    )
    return render(request, "requests/public/similar.html", {"found": found})
