"""Reads of households: the staff list with the tags the viewer may see, and resettled households by origin."""

from django.db.models import Count, Prefetch, Q, QuerySet

from governance.accounts import permissions
from governance.accounts.permissions import Action

from ..models import Household
from .models import TAG_ROLES, HouseholdTagRow


def may_see_household_tags(user) -> bool:
    """Holds a role that serves households (community staff, social or grid worker); each row is still scoped."""
    return permissions.holds_role(user, TAG_ROLES)


def household_tags_visible(*, user) -> QuerySet[HouseholdTagRow]:
    return permissions.visible(user, HouseholdTagRow.objects.all(), Action.VIEW)


def household_list(*, user) -> QuerySet[Household]:
    """Households in scope in address order; the tags come only for the rows where the viewer may see them."""
    households = permissions.visible(
        user, Household.objects.select_related("unit__building", "unit__courtyard", "unit__community", "origin"), Action.VIEW
    ).order_by("unit__code", "room")
    if not may_see_household_tags(user):
        return households
    tags = Prefetch("tags", queryset=household_tags_visible(user=user).order_by("tag"), to_attr="visible_tags")
    return households.prefetch_related(tags)


def households_tagged(*, user, households: QuerySet[Household], tag: str) -> QuerySet[Household]:
    """The households carrying `tag`, among those whose tags the viewer may see: nobody else can filter by them."""
    return households.filter(pk__in=household_tags_visible(user=user).filter(tag=tag).values("household_id"))


def resettled_households_by_origin(*, node) -> list[dict]:
    """Per courtyard under `node` (any level of the tree, or a courtyard itself) with resettled households 安置户:
    how many, and from how many former communities and resident groups, counted from the records in one query.

    Each item: {"courtyard_id", "courtyard", "community", "households", "communities", "groups"}; the district
    yearly report states "秀林苑: 1,000 households from 5 communities and 13 resident groups" from it.
    """
    rows = (
        Household.objects.filter(**{_key(node): node.pk}, origin__isnull=False)
        .order_by()
        .values("courtyard_id", "courtyard__name", "community__name")
        .annotate(
            households=Count("pk"),
            communities=Count("origin__community_name", distinct=True),
            groups=Count("origin", filter=~Q(origin__group_name=""), distinct=True),
        )
        .order_by("community__name", "courtyard__name")
    )
    return [
        {
            "courtyard_id": row["courtyard_id"],
            "courtyard": row["courtyard__name"],
            "community": row["community__name"],
            "households": row["households"],
            "communities": row["communities"],
            "groups": row["groups"],
        }
        for row in rows
    ]


def households_by_origin(*, node) -> list[dict]:
    """Resettled households under `node` per former community and resident group, counted in one query:
    [{"community", "group", "households"}], for the report's "安置户来源" table."""
    rows = (
        Household.objects.filter(**{_key(node): node.pk}, origin__isnull=False)
        .order_by()
        .values("origin__community_name", "origin__group_name")
        .annotate(households=Count("pk"))
        .order_by("origin__community_name", "origin__group_name")
    )
    return [{"community": r["origin__community_name"], "group": r["origin__group_name"], "households": r["households"]} for r in rows]


def _key(node) -> str:
    """The household column holding `node`'s level (its denormalised key)."""
    return f"{node.level}_id" if node.level != "building" else "unit__building_id"
