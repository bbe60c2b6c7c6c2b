"""Reads of the territory tree. Every list applies its joins here, and scoping via the permission module."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from governance.accounts import permissions
from governance.accounts.permissions import Action

from .choices import ClaimStatus
from .models import NODE_MODELS, Building, Community, Courtyard, District, HomeClaim, Household, Street, Unit


def district_overview() -> QuerySet[District]:
    """Every district with its streets and their communities: three queries whatever the size."""
    communities = Community.objects.order_by("pk")
    streets = Street.objects.order_by("pk").prefetch_related(Prefetch("communities", queryset=communities))
    return District.objects.prefetch_related(Prefetch("streets", queryset=streets))


def street_public(*, code: str) -> Street:
    return (
        Street.objects.select_related("district")
        .prefetch_related(Prefetch("communities", queryset=Community.objects.order_by("pk")))
        .get(code=code)
    )


def community_public(*, code: str) -> Community:
    return Community.objects.select_related("street__district").get(code=code)


def _count(model, **outer) -> Coalesce:
    subquery = (
        model.objects.filter(**{k: OuterRef(v) for k, v in outer.items()}).order_by().values(*outer).annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def community_courtyards(*, community: Community) -> QuerySet[Courtyard]:
    return Courtyard.objects.filter(community=community).annotate(
        building_count=_count(Building, courtyard="pk"), unit_count=_count(Unit, courtyard="pk")
    )


def community_totals(*, community: Community) -> dict:
    return {
        "courtyards": Courtyard.objects.filter(community=community).count(),
        "buildings": Building.objects.filter(community=community).count(),
        "units": Unit.objects.filter(community=community).count(),
        "households": Household.objects.filter(community=community).count(),
    }


def community_list_for_user(*, user) -> QuerySet[Community]:
    """The communities a staff member works in, with what waits for them."""
    return permissions.visible(user, Community.objects.select_related("street"), Action.VIEW).annotate(
        courtyard_count=_count(Courtyard, community="pk"),
        unit_count=_count(Unit, community="pk"),
        pending_claims=Coalesce(
            Subquery(
                HomeClaim.objects.filter(community=OuterRef("pk"), status=ClaimStatus.PENDING)
                .order_by()
                .values("community")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
    )


def unit_list(*, user) -> QuerySet[Unit]:
    """Units in scope in code order; (level, code) indexes serve any page of it directly."""
    return permissions.visible(user, Unit.objects.select_related("building", "courtyard", "community", "street"), Action.VIEW).order_by(
        "code"
    )


def children_of(*, level: str, parent_code: str) -> QuerySet:
    """The public names of the nodes under a parent, for cascading pickers."""
    model = NODE_MODELS[level]
    return model.objects.filter(**{f"{model.parent_field}__code": parent_code}).order_by("code").only("code", "name")


def claim_queue(*, user) -> QuerySet[HomeClaim]:
    return permissions.visible(
        user, HomeClaim.objects.select_related("user", "unit__building", "unit__courtyard", "unit__community"), Action.VERIFY
    )


def claims_of(*, user) -> QuerySet[HomeClaim]:
    return HomeClaim.objects.filter(user=user).select_related("unit__building", "unit__courtyard", "unit__community")


def node_by_code(*, code: str):
    """The node of any level with this public code, most specific level first."""
    for level in reversed(list(NODE_MODELS)):
        node = NODE_MODELS[level].objects.filter(code=code).first()
        if node is not None:
            return node
    return None
