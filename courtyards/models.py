"""The territory tree.

Plain, protected foreign keys from each level to its parent, plus denormalised ancestor
keys (``district``, ``street``, ``community``, ...) so that "everything under this node"
is one indexed equality filter at any depth. The services in ``services.py`` set the
ancestor keys on create and rewrite them on a move; nothing else writes them.

``tree_paths`` tells the permission module how each model reaches each level of the
tree: level -> the attribute holding that level's node id.
"""

import uuid
from typing import ClassVar

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ClaimStatus, CommunityKind, CourtyardKind, CovenantKind, EndorsementChannel, EndorsementMethod, Level


class Node(models.Model):
    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("Public identifier used in addresses and links."))

    level: ClassVar[str]
    parent_field: ClassVar[str | None] = None
    tree_paths: ClassVar[dict[str, str]]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def parent(self):
        return getattr(self, self.parent_field) if self.parent_field else None


class Located(models.Model):
    """A place that may carry WGS-84 coordinates (GCJ-02 from Chinese map apps is within ~500 m of it).

    Six decimals are about 0.1 m; both are empty for a place nobody has located yet.
    """

    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )

    class Meta:
        abstract = True


class District(Node):
    """区: the root of one portal's tree."""

    level = Level.DISTRICT
    tree_paths = {"district": "id"}

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]


class Street(Node):
    """街道: a street office's area."""

    district = models.ForeignKey(District, models.PROTECT, related_name="streets", verbose_name=_("district"))

    level = Level.STREET
    parent_field = "district"
    tree_paths = {"district": "district_id", "street": "id"}

    class Meta:
        verbose_name = _("street")
        verbose_name_plural = _("streets")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="street_unique_name")]

    @property
    def full_name(self) -> str:
        return f"{self.district.name}{self.name}"


class Community(Node):
    """社区, typed by the seed's four kinds."""

    street = models.ForeignKey(Street, models.PROTECT, related_name="communities", verbose_name=_("street"))
    district = models.ForeignKey(District, models.PROTECT, related_name="+", verbose_name=_("district"))
    kind = models.CharField(_("kind"), max_length=20, choices=CommunityKind.choices, default=CommunityKind.MATURE)

    level = Level.COMMUNITY
    parent_field = "street"
    tree_paths = {"district": "district_id", "street": "street_id", "community": "id"}

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["street", "name"], name="community_unique_name")]

    @property
    def full_name(self) -> str:
        return f"{self.street.name}{self.name}"


class Courtyard(Located, Node):
    """院落; in agricultural communities also a resident group or a resettlement area."""

    community = models.ForeignKey(Community, models.PROTECT, related_name="courtyards", verbose_name=_("community"))
    street = models.ForeignKey(Street, models.PROTECT, related_name="+", verbose_name=_("street"))
    district = models.ForeignKey(District, models.PROTECT, related_name="+", verbose_name=_("district"))
    kind = models.CharField(_("kind"), max_length=20, choices=CourtyardKind.choices, default=CourtyardKind.COURTYARD)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # 网格: the grid covering this place, kept by `grid_coverage_set` and handed down by `node_move`.
    grid = models.ForeignKey("Grid", models.SET_NULL, null=True, blank=True, related_name="courtyards", verbose_name=_("grid"))

    level = Level.COURTYARD
    parent_field = "community"
    tree_paths = {"district": "district_id", "street": "street_id", "community": "community_id", "courtyard": "id", "grid": "grid_id"}

    class Meta:
        verbose_name = _("courtyard")
        verbose_name_plural = _("courtyards")
        ordering = ["code"]
        # The nearest-courtyard search filters on a latitude band first (courtyards_nearest).
        indexes = [models.Index(fields=["latitude", "longitude"], name="courtyard_location")]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="courtyard_unique_name")]

    @property
    def full_name(self) -> str:
        """新鸿社区 新鸿南路院落: where several communities are offered (select_related("community"))."""
        return f"{self.community.name} {self.name}"


class Building(Located, Node):
    """楼栋."""

    courtyard = models.ForeignKey(Courtyard, models.PROTECT, related_name="buildings", verbose_name=_("courtyard"))
    community = models.ForeignKey(Community, models.PROTECT, related_name="+", verbose_name=_("community"))
    street = models.ForeignKey(Street, models.PROTECT, related_name="+", verbose_name=_("street"))
    district = models.ForeignKey(District, models.PROTECT, related_name="+", verbose_name=_("district"))
    # 网格: the grid covering this place, kept by `grid_coverage_set` and handed down by `node_move`.
    grid = models.ForeignKey("Grid", models.SET_NULL, null=True, blank=True, related_name="buildings", verbose_name=_("grid"))

    level = Level.BUILDING
    parent_field = "courtyard"
    tree_paths = {
        "district": "district_id",
        "street": "street_id",
        "community": "community_id",
        "courtyard": "courtyard_id",
        "building": "id",
    }
    tree_paths["grid"] = "grid_id"

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["courtyard", "name"], name="building_unique_name")]

    @property
    def full_name(self) -> str:
        """新鸿南路院落 2栋: every courtyard has a 2栋 (select_related("courtyard"))."""
        return f"{self.courtyard.name} {self.name}"


class Unit(Node):
    """单元: a stairwell of a building; households live in its rooms."""

    building = models.ForeignKey(Building, models.PROTECT, related_name="units", verbose_name=_("building"))
    courtyard = models.ForeignKey(Courtyard, models.PROTECT, related_name="+", verbose_name=_("courtyard"))
    community = models.ForeignKey(Community, models.PROTECT, related_name="+", verbose_name=_("community"))
    street = models.ForeignKey(Street, models.PROTECT, related_name="+", verbose_name=_("street"))
    district = models.ForeignKey(District, models.PROTECT, related_name="+", verbose_name=_("district"))
    grid = models.ForeignKey("Grid", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("grid"))

    level = Level.UNIT
    parent_field = "building"
    tree_paths = {**Building.tree_paths, "building": "building_id", "unit": "id"}

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["code"]
        # "Units under X, in order" reads the first page straight from an index at any size.
        indexes = [
            models.Index(fields=[level, "code"], name=f"unit_{level}_code") for level in ("street", "community", "courtyard", "building")
        ]
        constraints = [models.UniqueConstraint(fields=["building", "name"], name="unit_unique_name")]

    @property
    def full_name(self) -> str:
        """新鸿南路院落 2栋 1单元: what a picker shows, since every building has a 1单元 (select_related both)."""
        return f"{self.courtyard.name} {self.building.name} {self.name}"

    @property
    def address(self) -> str:
        """新鸿社区新鸿南路院落3栋1单元: the Chinese order, largest place first, no spaces."""
        return f"{self.community.name}{self.courtyard.name}{self.building.name}{self.name}"


class Household(models.Model):
    """户: a home (a room of a unit). Residents are verified to it; covenants are endorsed by it."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="households", verbose_name=_("unit"))
    room = models.CharField(_("room"), max_length=20)
    courtyard = models.ForeignKey(Courtyard, models.PROTECT, related_name="+", verbose_name=_("courtyard"))
    community = models.ForeignKey(Community, models.PROTECT, related_name="+", verbose_name=_("community"))
    street = models.ForeignKey(Street, models.PROTECT, related_name="+", verbose_name=_("street"))
    district = models.ForeignKey(District, models.PROTECT, related_name="+", verbose_name=_("district"))
    grid = models.ForeignKey("Grid", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("grid"))
    # Empty until staff record them (a home verified from a claim knows only its room).
    size = models.PositiveSmallIntegerField(_("household size"), null=True, blank=True, validators=[MaxValueValidator(99)])
    # 安置户: where a resettled household came from (its village may no longer be on today's tree).
    origin = models.ForeignKey(
        "courtyards.ResettlementOrigin",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="households",
        verbose_name=_("resettled from"),
    )

    tree_paths = {**{level: path for level, path in Building.tree_paths.items() if level != "building"}, "unit": "unit_id"}

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["unit", "room"]
        constraints = [models.UniqueConstraint(fields=["unit", "room"], name="household_unique_room")]

    def __str__(self) -> str:
        return f"{self.unit.address}{self.room}"

    @property
    def full_name(self) -> str:
        return f"{self.unit.full_name} {self.room}"


class Grid(Node):
    """网格: some courtyards or buildings of one community, looked after by a grid worker and deputies.

    What it covers is the ``grid`` key of its courtyards and buildings (a courtyard lies in one grid, or
    its buildings in several); every row placed there copies that key. Its people hold the grid worker
    role on it (``grid_people_set``): the role, not these fields, is what the permission module reads.
    """

    community = models.ForeignKey(Community, models.PROTECT, related_name="grids", verbose_name=_("community"))
    street = models.ForeignKey(Street, models.PROTECT, related_name="+", verbose_name=_("street"))
    district = models.ForeignKey(District, models.PROTECT, related_name="+", verbose_name=_("district"))
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="grids", verbose_name=_("grid worker")
    )
    deputies = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="deputy_grids", verbose_name=_("deputies"))

    level = "grid"
    tree_paths = {"district": "district_id", "street": "street_id", "community": "community_id", "grid": "id"}

    class Meta:
        verbose_name = _("grid")
        verbose_name_plural = _("grids")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="grid_unique_name")]

    @property
    def full_name(self) -> str:
        return f"{self.community.name} {self.name}"


class HomeClaim(models.Model):
    """A resident's claim to live in a room of a unit, verified or declined by community staff."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="home_claims", verbose_name=_("resident"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="claims", verbose_name=_("unit"))
    room = models.CharField(_("room"), max_length=20)
    note = models.CharField(_("note to staff"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.PENDING)
    decline_reason = models.CharField(_("reason for declining"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    courtyard = models.ForeignKey(Courtyard, models.PROTECT, related_name="+", verbose_name=_("courtyard"))
    community = models.ForeignKey(Community, models.PROTECT, related_name="+", verbose_name=_("community"))
    street = models.ForeignKey(Street, models.PROTECT, related_name="+", verbose_name=_("street"))
    district = models.ForeignKey(District, models.PROTECT, related_name="+", verbose_name=_("district"))

    tree_paths = {
        "district": "district_id",
        "street": "street_id",
        "community": "community_id",
        "courtyard": "courtyard_id",
    }
    owner_path = "user_id"

    class Meta:
        verbose_name = _("home claim")
        verbose_name_plural = _("home claims")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["community", "status", "-created_at"], name="claim_queue")]
        constraints = [models.UniqueConstraint(fields=["user"], condition=models.Q(status="pending"), name="claim_one_pending_per_user")]

    def __str__(self) -> str:
        return f"{self.user} → {self.unit.address}{self.room}"


class Covenant(models.Model):
    """居民公约 or 自治章程 of a courtyard or a community: a text kept in versions."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CovenantKind.choices, default=CovenantKind.COVENANT)
    title = models.CharField(_("title"), max_length=200)
    community = models.ForeignKey(Community, models.PROTECT, related_name="covenants", verbose_name=_("community"))
    courtyard = models.ForeignKey(Courtyard, models.PROTECT, null=True, blank=True, related_name="covenants", verbose_name=_("courtyard"))
    street = models.ForeignKey(Street, models.PROTECT, related_name="+", verbose_name=_("street"))
    district = models.ForeignKey(District, models.PROTECT, related_name="+", verbose_name=_("district"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    tree_paths = {"district": "district_id", "street": "street_id", "community": "community_id", "courtyard": "courtyard_id"}

    class Meta:
        verbose_name = _("covenant")
        verbose_name_plural = _("covenants")
        ordering = ["community", "title"]
        constraints = [models.UniqueConstraint(fields=["community", "courtyard", "title"], name="covenant_unique_title")]

    def __str__(self) -> str:
        return self.title


class CovenantVersion(models.Model):
    """One adopted text of a covenant; the highest number is the current one, older ones stay readable."""

    covenant = models.ForeignKey(Covenant, models.CASCADE, related_name="versions", verbose_name=_("covenant"))
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    adopted_on = models.DateField(_("adopted on"))
    method = models.CharField(_("how it was endorsed"), max_length=30, choices=EndorsementMethod.choices)
    votes_for = models.PositiveIntegerField(_("in favour"), default=0)
    votes_against = models.PositiveIntegerField(_("against"), default=0)
    votes_abstaining = models.PositiveIntegerField(_("abstentions"), default=0)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    tree_paths = {level: f"covenant__{path}" for level, path in Covenant.tree_paths.items()}

    class Meta:
        verbose_name = _("covenant version")
        verbose_name_plural = _("covenant versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["covenant", "number"], name="covenant_version_number")]

    def __str__(self) -> str:
        return f"{self.covenant} v{self.number}"


class CovenantEndorsement(models.Model):
    """A household's endorsement of a covenant: one per household, online or recorded by staff."""

    covenant = models.ForeignKey(Covenant, models.CASCADE, related_name="endorsements", verbose_name=_("covenant"))
    version = models.ForeignKey(CovenantVersion, models.PROTECT, related_name="endorsements", verbose_name=_("version"))
    household = models.ForeignKey(Household, models.CASCADE, related_name="endorsements", verbose_name=_("household"))
    channel = models.CharField(_("channel"), max_length=10, choices=EndorsementChannel.choices)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("endorsed by")
    )
    created_at = models.DateTimeField(_("endorsed at"), auto_now_add=True)

    tree_paths = {level: f"covenant__{path}" for level, path in Covenant.tree_paths.items()}

    class Meta:
        verbose_name = _("covenant endorsement")
        verbose_name_plural = _("covenant endorsements")
        constraints = [models.UniqueConstraint(fields=["covenant", "household"], name="covenant_endorsed_once_per_household")]

    def __str__(self) -> str:
        return f"{self.household_id} → {self.covenant_id}"


NODE_MODELS: dict[str, type[Node]] = {
    Level.DISTRICT: District,
    Level.STREET: Street,
    Level.COMMUNITY: Community,
    Level.COURTYARD: Courtyard,
    Level.BUILDING: Building,
    Level.UNIT: Unit,
}
ANCESTOR_LEVELS = [Level.DISTRICT, Level.STREET, Level.COMMUNITY, Level.COURTYARD, Level.BUILDING, Level.UNIT]


from .households.models import HouseholdTagRow, ResettlementOrigin  # noqa: E402  (registered with this app)

auditlog.register(HouseholdTagRow, mask_fields=["tag"])  # district admins read the audit trail, not the tags
for _model in (
    ResettlementOrigin,
    District,
    Street,
    Community,
    Courtyard,
    Building,
    Unit,
    Household,
    Grid,
    HomeClaim,
    Covenant,
    CovenantVersion,
):
    auditlog.register(_model)
