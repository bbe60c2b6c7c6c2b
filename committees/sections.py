"""The committees' sections of the public community page (registered in apps.py)."""

from . import selectors


def community_context(request, community) -> dict:
    return {
        "committees": selectors.community_committees(community=community),
        "meetings": selectors.upcoming_meetings(community=community),
        "decisions": selectors.decisions_taken(community=community),
        "show_names": selectors.may_see_names(request.user, community),
    }


def needs_context(request, community) -> dict:
    needs = list(selectors.community_needs(community=community))
    return {"needs": needs, "supported": selectors.supported_by(user=request.user, needs=needs), "community": community}


def street_context(request, street) -> dict:
    return {"committees": selectors.street_committees(street=street), "show_names": selectors.may_see_names(request.user, street)}


def home_meetings_context(request, community) -> dict:
    """我的社区: the community's coming meetings (one query)."""
    return {"meetings": selectors.upcoming_meetings(community=community)}


def home_needs_context(request, community) -> dict:
    """我的社区: the needs still open to support, and which the resident supports (two queries)."""
    needs = list(selectors.needs_to_support(community=community))
    return {"needs": needs, "supported": selectors.supported_by(user=request.user, needs=needs)}
