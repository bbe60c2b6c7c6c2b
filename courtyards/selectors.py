"""Reads of the territory tree. Every list applies its joins here, and scoping via the permission module."""

import math
from decimal import Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from governance.accounts import permissions
from governance.accounts.choices import FIELD_ROLES, HOTLINE_ROLES, STAFF_ROLES
from governance.accounts.models import User
from governance.accounts.permissions import Action
from governance.core.privacy import mask_name, mask_phone

from .choices import ClaimStatus
from .models import (
    NODE_MODELS,
    Building,
    Community,
    Courtyard,
    Covenant,
    CovenantEndorsement,
    CovenantVersion,
    District,
    Grid,
    HomeClaim,
    Household,
    Street,
    Unit,
)


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
    """The four counts in one statement (each an indexed count on `community_id`)."""
    levels = {"courtyards": Courtyard, "buildings": Building, "units": Unit, "households": Household}
    counted = Community.objects.filter(pk=community.pk).values(
        **{f"n_{name}": _count(model, community="pk") for name, model in levels.items()}
    )
    return {name.removeprefix("n_"): n for name, n in counted.get().items()}  # "courtyards" itself is the reverse relation


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


def grid_list(*, user) -> QuerySet[Grid]:
    """The grids in scope with what each covers and its people: four queries whatever the number of grids."""
    people = User.objects.select_related("home_unit")  # the home decides who may read a person's name
    return (
        permissions.visible(user, Grid.objects.all(), Action.VIEW)
        .select_related("community__street", "worker__home_unit")
        .prefetch_related(
            Prefetch("deputies", queryset=people.order_by("pk")),
            Prefetch("courtyards", queryset=Courtyard.objects.order_by("code")),
            Prefetch("buildings", queryset=Building.objects.select_related("courtyard").order_by("code")),
        )
        .order_by("community__code", "code")
    )


def grid_buildings_alone(grid: Grid) -> list[Building]:
    """The buildings the grid covers on their own, not as part of a courtyard it covers whole (prefetched by grid_list)."""
    return [building for building in grid.buildings.all() if building.courtyard.grid_id != grid.pk]


def grid_person_shown(*, viewer, grid: Grid, person) -> dict:
    """A grid's worker or deputy as `viewer` may read them: in full to whoever manages the grid or may see
    the person's own data, else 张** and 138****0007, as on a public notice."""
    name, phone = person.display_name or person.username, person.phone or ""
    if permissions.can(viewer, Action.MANAGE, grid) or permissions.may_see_personal_data(viewer, person):
        return {"name": name, "phone": phone}
    return {"name": mask_name(name), "phone": mask_phone(phone)}


def children_of(*, level: str, parent_code: str) -> QuerySet:
    """The public names of the nodes under a parent, for cascading pickers."""
    model = NODE_MODELS[level]
    return model.objects.filter(**{f"{model.parent_field}__code": parent_code}).order_by("code").only("code", "name")


def claim_queue(*, user) -> QuerySet[HomeClaim]:
    return permissions.visible(
        user, HomeClaim.objects.select_related("user", "unit__building", "unit__courtyard", "unit__community"), Action.VERIFY
    )


def claims_waiting(user) -> int | None:
    """The staff home's count of pending claims to verify (None for whoever may not open the claim queue)."""
    if not permissions.is_staff_member(user):
        return None
    return claim_queue(user=user).filter(status=ClaimStatus.PENDING).count()


def claims_of(*, user) -> QuerySet[HomeClaim]:
    return HomeClaim.objects.filter(user=user).select_related("unit__building", "unit__courtyard", "unit__community")


def node_by_code(*, code: str):
    """The node of any level with this public code, most specific level first."""
    for level in reversed(list(NODE_MODELS)):
        node = NODE_MODELS[level].objects.filter(code=code).first()
        if node is not None:
            return node
    return None


def _current_version() -> Prefetch:
    return Prefetch("versions", queryset=CovenantVersion.objects.order_by("-number"), to_attr="ordered_versions")


def community_covenants(*, community: Community) -> QuerySet[Covenant]:
    """The covenants of a community and its courtyards, with how many households endorsed each."""
    return (
        Covenant.objects.filter(community=community)
        .select_related("courtyard")
        .annotate(endorsement_count=_count(CovenantEndorsement, covenant="pk"))
        .prefetch_related(_current_version())
        .order_by("courtyard_id", "title")
    )


def covenant_public(*, code: str) -> Covenant:
    covenant = (
        Covenant.objects.filter(code=code)
        .select_related("community", "courtyard")
        .annotate(endorsement_count=_count(CovenantEndorsement, covenant="pk"))
        .prefetch_related(_current_version())
        .first()
    )
    if covenant is None:
        raise Http404
    return covenant


def covenant_households(*, covenant: Covenant) -> int:
    """How many households the covenant addresses: the denominator of its coverage."""
    households = Household.objects.filter(community_id=covenant.community_id)
    if covenant.courtyard_id:
        households = households.filter(courtyard_id=covenant.courtyard_id)
    return households.count()


def endorsed_by_household(*, covenant: Covenant, user) -> bool:
    household_id = getattr(user, "household_id", None)
    return bool(household_id) and CovenantEndorsement.objects.filter(covenant=covenant, household_id=household_id).exists()


def covenant_to_manage(*, user, code: str) -> Covenant:
    return permissions.get_or_404(user, Covenant.objects.select_related("community", "courtyard"), Action.MANAGE, code=code)


EARTH_RADIUS_METRES = 6_371_008.8
METRES_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_METRES / 180


def distance_metres(lat1, long1, lat2, long2) -> float:
    """Great-circle (haversine) distance between two points in decimal degrees."""
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    d_phi, d_lambda = phi2 - phi1, math.radians(float(long2) - float(long1))
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(min(1.0, math.sqrt(a)))


def _bounding_box(latitude: float, longitude: float, metres: float) -> dict:
    """A lat/long box holding every point within `metres`: plain range filters, served by the (latitude, longitude) index."""
    d_lat = metres / METRES_PER_DEGREE_LATITUDE
    cos_lat = math.cos(math.radians(min(89.9, abs(latitude) + d_lat)))
    d_long = min(180.0, d_lat / max(cos_lat, 1e-9))
    return {
        "latitude__gte": _degrees(latitude - d_lat),
        "latitude__lte": _degrees(latitude + d_lat),
        "longitude__gte": _degrees(longitude - d_long),
        "longitude__lte": _degrees(longitude + d_long),
    }


def _degrees(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")  # the columns are DecimalFields


def courtyards_nearest(*, latitude, longitude, within_metres: float, limit: int = 5) -> list[Courtyard]:
    """The located courtyards within `within_metres` of a point, nearest first, each with `.distance_metres`.

    The database narrows to a bounding box (indexable range filters, the same SQL on SQLite and
    PostgreSQL, no PostGIS); the exact haversine distance is computed here on those few rows.
    """
    latitude, longitude = float(latitude), float(longitude)
    candidates = Courtyard.objects.filter(**_bounding_box(latitude, longitude, within_metres)).select_related("community")
    found = []
    for courtyard in candidates:
        courtyard.distance_metres = distance_metres(latitude, longitude, courtyard.latitude, courtyard.longitude)
        if courtyard.distance_metres <= within_metres:
            found.append(courtyard)
    return sorted(found, key=lambda c: (c.distance_metres, c.code))[:limit]


def is_resident(user) -> bool:
    """Signed in without a staff, field or hotline role: a resident, though they may chair a committee or lead an association."""
    return user.is_authenticated and not user.is_staff and not permissions.holds_role(user, STAFF_ROLES | FIELD_ROLES | HOTLINE_ROLES)


def resident_home(*, user) -> Unit | None:
    """The verified home of a resident, with its community, courtyard and building in one query; None for visitors,
    staff and residents whose home is not verified yet."""
    if not is_resident(user) or user.home_unit_id is None:
        return None
    return Unit.objects.select_related("community", "courtyard", "building").filter(pk=user.home_unit_id).first()


def claim_pending(*, user) -> bool:
    return HomeClaim.objects.filter(user=user, status=ClaimStatus.PENDING).exists()


def home_covenants(*, community: Community, household_id: int | None) -> list[Covenant]:
    """The covenants of the resident's community, each marked `endorsed` when their household has endorsed it."""
    covenants = community_covenants(community=community).annotate(
        endorsed=Exists(CovenantEndorsement.objects.filter(covenant=OuterRef("pk"), household_id=household_id))
    )
    return list(covenants)
