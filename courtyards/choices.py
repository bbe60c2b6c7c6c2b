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
