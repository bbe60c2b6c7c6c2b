"""The field work shown on the public street and community pages: totals in the seed's terms, coming activities.

The totals are cumulative ("已有2820人次享受了义诊服务"), as the seed states them; reports pass a period.
"""

from . import selectors


def community(request, node) -> dict:
    return {"totals": selectors.node_totals(node=node), "upcoming": selectors.upcoming_public(community=node)}


def street(request, node) -> dict:
    return {"totals": selectors.node_totals(node=node)}


def home(request, node) -> dict:
    """我的社区: the community's coming activities with the places left (one query)."""
    return {"upcoming": selectors.upcoming_public(community=node, limit=5)}


def volunteered(user) -> list:
    """The navigation's 我的志愿服务 shows once the person has signed up for an activity or reported hours."""
    from .models import Signup, VolunteerHours

    return [Signup.objects.filter(user=user), VolunteerHours.objects.filter(volunteer=user)]
