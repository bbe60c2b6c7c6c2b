from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AssociationKind(models.TextChoices):
    SELF_GOVERNANCE = "self_governance", _("Self-governance")
    GOVERNANCE = "governance", _("Governance")
    INTEREST = "interest", _("Interest")
    VOLUNTEER = "volunteer", _("Volunteer")
    SERVICE = "service", _("Service")


class Anchor(models.TextChoices):
    """What an association is organised around."""

    COURTYARD = "courtyard", _("Courtyard")
    BUILDING = "building", _("Building")
    COMMUNITY = "community", _("Community")
    INTEREST = "interest", _("Interest")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the leader")
    ACTIVE = "active", _("Member")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


class ReviewStatus(models.TextChoices):
    PASSED = "passed", _("Passed")
    IMPROVE = "improve", _("To improve")
    FAILED = "failed", pgettext_lazy("review", "Failed")


class EnterpriseKind(models.TextChoices):
    CHAMBER_MEMBER = "chamber_member", _("Chamber of commerce member")
    SHOP = "shop", _("Shop")


class PledgeKind(models.TextChoices):
    JOBS = "jobs", _("Jobs")
    CLINIC = "clinic", _("Free clinic")
    OUTING = "outing", _("Outing")
    TRAINING = "training", _("Training")
    DONATION = "donation", _("Donation")
    OTHER = "other", _("Other")
