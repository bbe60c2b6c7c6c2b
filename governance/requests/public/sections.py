"""The requests' sections on the public community and street pages and on a council need's page (registered from AppConfig.ready)."""

from committees.registry import register_need_section
from courtyards.sections import register_community_section, register_street_section

from ..choices import OPEN_STATUSES
from . import figures as public_figures
from . import selectors as public

SECTION_DAYS = 90
LATEST = 3


def community_context(request, community) -> dict:
    """The latest few public requests and the key figures of the last 90 days, the statistics page's own (the same
    selector and period): a fixed number of queries."""
    figures = public_figures.figures_of_days(node=community, days=SECTION_DAYS)
    return {
        "latest": list(public.community_feed(community=community)[:LATEST]),
        "shown": figures.shown(public_figures.SECTION),
        "days": SECTION_DAYS,
        "open_statuses": [str(s) for s in OPEN_STATUSES],
    }


def street_context(request, street) -> dict:
    figures = public_figures.figures_of_days(node=street, days=SECTION_DAYS)
    return {"shown": figures.shown(public_figures.RATES), "days": SECTION_DAYS}


def need_context(request, need) -> dict:
    """The requests the need answers: the public ones as the feed shows them, the others counted. One query."""
    rows = list(public.need_requests(need=need))
    shown = [row for row in rows if row.public]
    return {"shown": shown, "hidden": len(rows) - len(shown)}


def register() -> None:
    register_community_section(key="requests", template="requests/public/section_community.html", context=community_context, order=20)
    register_street_section(key="requests_rates", template="requests/public/section_street.html", context=street_context, order=20)
    register_need_section(key="requests", template="requests/public/section_need.html", context=need_context, order=10)
