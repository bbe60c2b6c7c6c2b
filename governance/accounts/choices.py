from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DISTRICT_ADMIN = "district_admin", _("District administrator")
    STREET_STAFF = "street_staff", _("Street office staff")
    COMMUNITY_STAFF = "community_staff", _("Community staff")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    GRID_WORKER = "grid_worker", _("Grid worker")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    ASSOCIATION_LEADER = "association_leader", _("Association leader")
    RESIDENT = "resident", _("Resident")


class ScopeLevel(models.TextChoices):
    """The levels of the tree a role can be held on; it reaches everything below."""

    DISTRICT = "district", _("District")
    STREET = "street", _("Street")
    COMMUNITY = "community", _("Community")
    COURTYARD = "courtyard", _("Courtyard")


STAFF_ROLES = frozenset({Role.DISTRICT_ADMIN, Role.STREET_STAFF, Role.COMMUNITY_STAFF})
FIELD_ROLES = frozenset({Role.SOCIAL_WORKER, Role.GRID_WORKER})


class PhoneCodePurpose(models.TextChoices):
    """What an SMS code may be used for: a registration code never resets a password."""

    REGISTER = "register", _("Registration")
    PASSWORD_RESET = "password_reset", _("Password reset")
