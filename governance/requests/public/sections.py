"""The requests' sections on the public community and street pages and on a council need's page (registered from AppConfig.ready)."""

from datetime import timedelta

from django.utils import timezone

from committees.registry import register_need_section
from courtyards.sections import register_community_section, register_street_section
from governance.core import node_cache

from ..choices import OPEN_STATUSES
from . import selectors as public

SECTION_DAYS = 90
LATEST = 3


def community_context(request, community) -> dict:
    """The latest few public requests and the key figures of the last 90 days: a fixed number of queries."""
    start = timezone.now() - timedelta(days=SECTION_DAYS)
    return {
        "latest": list(public.community_feed(community=community)[:LATEST]),
        "figures": node_cache.node_figures(
            name="public-figures",
            level="community",
            pk=community.pk,
            parts=[SECTION_DAYS],
            build=lambda: public.figures(node=community, start=start),
        ),
        "open_statuses": [str(s) for s in OPEN_STATUSES],
    }


def street_context(request, street) -> dict:
    end = timezone.now()
    rates = node_cache.node_figures(
        name="public-rates",
        level="street",
        pk=street.pk,
        parts=[SECTION_DAYS],
        build=lambda: public.three_rates(street, end - timedelta(days=SECTION_DAYS), end),
    )
    return {"rates": rates, "days": SECTION_DAYS}


def need_context(request, need) -> dict:
    """The requests the need answers: the public ones as the feed shows them, the others counted. One query."""
    rows = list(public.need_requests(need=need))
    shown = [row for row in rows if row.public]
    return {"shown": shown, "hidden": len(rows) - len(shown)}


def register() -> None:
    register_community_section(key="requests", template="requests/public/section_community.html", context=community_context, order=20)
    register_street_section(key="requests_rates", template="requests/public/section_street.html", context=street_context, order=20)
    register_need_section(key="requests", template="requests/public/section_need.html", context=need_context, order=10)
