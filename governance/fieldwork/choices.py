from django.db import models
from django.utils.translation import gettext_lazy as _


class PatrolCheck(models.TextChoices):
    """What a grid worker looked at on a patrol 巡查 (the checklist of the street office)."""

    SAFETY = "safety", _("Safety hazards")
    SANITATION = "sanitation", _("Sanitation")
    FIRE_LANES = "fire_lanes", _("Fire lanes")
    ILLEGAL_BUILDING = "illegal_building", _("Illegal building")
    DISPUTES = "disputes", _("Disputes")
    CARE = "care", _("People needing care")
    FACILITIES = "facilities", _("Broken facilities")


class VisitPurpose(models.TextChoices):
    """Why a grid worker called at a household 入户走访."""

    ROUTINE = "routine", _("Routine visit")
    CARE = "care", _("Care for people in need")
    MEDIATION = "mediation", _("Dispute mediation")
    POLICY = "policy", _("Explaining policies")
    VERIFICATION = "verification", _("Checking information")
