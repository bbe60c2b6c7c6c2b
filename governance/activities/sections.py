"""The field work shown on the public street and community pages: totals in the seed's terms, coming activities.

The totals are cumulative ("已有2820人次享受了义诊服务"), as the seed states them; reports pass a period.
"""

from . import selectors


def community(request, node) -> dict:
    return {"totals": selectors.node_totals(node=node), "upcoming": selectors.upcoming_public(community=node)}


def street(request, node) -> dict:
    return {"totals": selectors.node_totals(node=node)}
