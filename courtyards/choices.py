from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    DISTRICT = "district", _("District")
    STREET = "street", _("Street")
    COMMUNITY = "community", _("Community")
    COURTYARD = "courtyard", _("Courtyard")
    BUILDING = "building", _("Building")
    UNIT = "unit", _("Unit")


class CommunityKind(models.TextChoices):
    MATURE = "mature", _("Mature community")
    TRANSITIONAL = "transitional", _("Transitional community")
    AGRICULTURAL = "agricultural", _("Agricultural community")
    COMMERCIAL = "commercial", _("Commercial district community")


class CourtyardKind(models.TextChoices):
    COURTYARD = "courtyard", _("Courtyard")
    RESIDENT_GROUP = "resident_group", _("Resident group")
    RESETTLEMENT_AREA = "resettlement_area", _("Resettlement area")


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    DECLINED = "declined", _("Declined")


class CovenantKind(models.TextChoices):
    COVENANT = "covenant", _("Residents' covenant")
    CHARTER = "charter", _("Self-governance charter")


class EndorsementMethod(models.TextChoices):
    """How a version was adopted."""

    ASSEMBLY = "assembly", _("Residents' assembly")
    HOUSEHOLD_SIGNATURES = "household_signatures", _("Household signatures")
    COUNCIL = "council", _("Council vote")
    ONLINE = "online", _("Online vote")


class EndorsementChannel(models.TextChoices):
    ONLINE = "online", _("Online by a verified resident")
    STAFF = "staff", _("Recorded by staff")


class HouseholdTag(models.TextChoices):
    """What a household needs attention for; sensitive: only the roles that serve it see these (docs/privacy.md)."""

    ELDERLY_ALONE = "elderly_alone", _("Elderly living alone")
    LOW_INCOME = "low_income", _("Low income (minimum living allowance)")
    DISABLED = "disabled", _("Disabled member")
    LEFT_BEHIND_CHILD = "left_behind_child", _("Left-behind child")
    ENTITLED_CARE = "entitled_care", _("Entitled to special care")
