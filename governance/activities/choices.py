from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Category(models.TextChoices):
    """What an activity type counts as in the reports (the seed's terms)."""

    CLINIC = "clinic", _("Free clinic")
    VOLUNTEER = "volunteer", _("Volunteer service")
    MEDIATION = "mediation", _("Mediation")
    CULTURAL = "cultural", _("Cultural event")
    TRAINING = "training", _("Training")
    HOME_VISIT = "home_visit", _("Home visit")
    OTHER = "other", _("Other")


class OrganiserKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    COMMITTEE = "committee", _("Committee")
    ENTERPRISE = "enterprise", _("Enterprise of the alliance")
    COMMUNITY = "community", _("Community")


class HelperKind(models.TextChoices):
    """Who gave a special family its help (the seed: 企业和个人的定向帮扶); reports count families by it."""

    ENTERPRISE = "enterprise", _("Enterprise")
    INDIVIDUAL = "individual", _("Individual")
    ASSOCIATION = "association", _("Association")
    COMMUNITY = "community", _("Community")


class ProjectKind(models.TextChoices):
    PURCHASED = "purchased", _("Government-purchased service")
    VENTURE = "venture", _("Public-interest venture grant")


class SignupStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    CANCELLED = "cancelled", _("Cancelled")


class HoursStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", pgettext_lazy("hours", "Approved")
    REJECTED = "rejected", pgettext_lazy("hours", "Rejected")


class FamilyReason(models.TextChoices):
    LOW_INCOME = "low_income", _("Low income")
    DISABILITY = "disability", _("Disability")
    ELDERLY_ALONE = "elderly_alone", _("Elderly living alone")
    LEFT_BEHIND = "left_behind", _("Left-behind children")
    ILLNESS = "illness", _("Serious illness")
    OTHER = "other", _("Other")
