"""The associations' section of the public community page (registered in apps.py)."""

from committees.models import Committee
from governance.accounts import permissions
from governance.accounts.permissions import Action

from . import selectors
from .models import Association


def community_context(request, community) -> dict:
    return {
        "associations": selectors.community_associations(community=community),
        "show_names": selectors.may_see_names(request.user, community),
    }


def runs(user) -> list:
    """The navigation's 我负责的 shows to whoever may run a committee or an association (a chair, a leader, staff)."""
    return [
        permissions.visible(user, Committee.objects.all(), Action.MANAGE),
        permissions.visible(user, Association.objects.all(), Action.MANAGE),
    ]
