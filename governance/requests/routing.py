"""Which body owns a request: the most specific rule for its category and place, else the category's default."""

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext as _

from .choices import CommitteeType, OwnerBody
from .models import Category, RoutingRule

# Escalation climbs the tree: a courtyard group or committee answers to its community, and so on.
ESCALATES_TO = {
    OwnerBody.COURTYARD_GROUP: OwnerBody.COMMUNITY,
    OwnerBody.COMMITTEE: OwnerBody.COMMUNITY,
    OwnerBody.COMMUNITY: OwnerBody.STREET,
    OwnerBody.STREET: OwnerBody.DISTRICT,
}


def route(*, category: Category, community, courtyard=None) -> tuple[str, str]:
    """(owner_body, committee_type) for a request of `category` in `community`."""
    rule = (
        RoutingRule.objects.filter(category=category)
        .filter(
            Q(community=community)
            | Q(community__isnull=True, street_id=community.street_id)
            | Q(community__isnull=True, street__isnull=True)
        )
        .annotate(
            rank=Case(
                When(community__isnull=False, then=Value(0)),
                When(street__isnull=False, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "pk")
        .first()
    )
    body, committee = (rule.owner_body, rule.committee_type) if rule else (category.owner_body, category.committee_type)
    if body == OwnerBody.COURTYARD_GROUP and courtyard is None:
        body = OwnerBody.COMMUNITY  # no courtyard given: the community takes it
    return body, committee


def owner_label(*, body: str, committee_type: str, community, courtyard=None) -> str:
    """The owning body's name as residents read it: 新鸿南路院落自治小组, 华林社区公共环境委员会, 双桥子街道."""
    if body == OwnerBody.COURTYARD_GROUP and courtyard is not None:
        return _("%(courtyard)s self-governance group") % {"courtyard": courtyard.name}
    if body == OwnerBody.COMMITTEE and committee_type:
        return f"{community.name}{CommitteeType(committee_type).label}"
    if body == OwnerBody.STREET:
        return community.street.name
    if body == OwnerBody.DISTRICT:
        return community.district.name
    return community.name
