"""The territory's own section of a resident's home 我的社区 (registered in apps.py, like the higher apps' ones)."""

from . import selectors


def covenants_context(request, community) -> dict:
    return {"covenants": selectors.home_covenants(community=community, household_id=request.user.household_id)}
