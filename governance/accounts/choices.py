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
    HOTLINE_OPERATOR = "hotline_operator", _("Hotline operator")
    RESIDENT = "resident", _("Resident")


class ScopeLevel(models.TextChoices):
    """The levels of the tree a role can be held on; it reaches everything below."""

    DISTRICT = "district", _("District")
    STREET = "street", _("Street")
    COMMUNITY = "community", _("Community")
    COURTYARD = "courtyard", _("Courtyard")
    GRID = "grid", _("Grid")


# The levels of the tree itself; a grid (网格) cuts across a community's courtyards and buildings instead.
TREE_SCOPE_LEVELS = frozenset({ScopeLevel.DISTRICT, ScopeLevel.STREET, ScopeLevel.COMMUNITY, ScopeLevel.COURTYARD})
# Where a role may be held, when not on every level of the tree: only a grid worker is held on a grid.
ROLE_LEVELS = {
    Role.HOTLINE_OPERATOR: frozenset({ScopeLevel.DISTRICT, ScopeLevel.STREET}),
    Role.GRID_WORKER: TREE_SCOPE_LEVELS | {ScopeLevel.GRID},
}


def role_levels(role: str) -> frozenset:
    """The levels `role` may be held on."""
    return ROLE_LEVELS.get(role, TREE_SCOPE_LEVELS)


STAFF_ROLES = frozenset({Role.DISTRICT_ADMIN, Role.STREET_STAFF, Role.COMMUNITY_STAFF})
FIELD_ROLES = frozenset({Role.SOCIAL_WORKER, Role.GRID_WORKER})
# 接线员: files requests for callers by phone; held on a street or the district only.
HOTLINE_ROLES = frozenset({Role.HOTLINE_OPERATOR})


class SecurityEventKind(models.TextChoices):
    LOGIN_SUCCEEDED = "login_succeeded", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    LOCKED_OUT = "locked_out", _("Locked out")
    ACCESS_DENIED = "access_denied", _("Access denied")
    FAMILY_VIEWED = "family_viewed", _("Special family's record viewed")
    HOUSEHOLD_TAGS_VIEWED = "household_tags_viewed", _("Household tags viewed")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password reset")
    PASSWORD_RESET_FORCED = "password_reset_forced", _("Password reset by an administrator")
    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_REVOKED = "role_revoked", _("Role revoked")
    EXPORT_DOWNLOADED = "export_downloaded", _("Export downloaded")
    REPORT_DOWNLOADED = "report_downloaded", _("Report downloaded")
    DATA_EXPORTED = "data_exported", _("Own data downloaded")
    ACCOUNT_CLOSED = "account_closed", _("Account closed")


class SecurityEventResult(models.TextChoices):
    SUCCESS = "success", _("Succeeded")
    FAILURE = "failure", _("Failed")
    DENIED = "denied", _("Denied")


class PhoneCodePurpose(models.TextChoices):
    """What an SMS code may be used for: a registration code never resets a password."""

    REGISTER = "register", _("Registration")
    PASSWORD_RESET = "password_reset", _("Password reset")
    TRACKING = "tracking", _("Following a request")
