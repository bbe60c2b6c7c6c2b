"""The associations' section of the public community page (registered in apps.py)."""

from . import selectors


def community_context(request, community) -> dict:
    return {
        "associations": selectors.community_associations(community=community),
        "show_names": selectors.may_see_names(request.user, community),
    }
