import hashlib
import operator
from functools import reduce

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .choices import PhoneCodePurpose, Role, ScopeLevel, SecurityEventKind, SecurityEventResult

phone_validator = RegexValidator(r"^1[3-9]\d{9}$", _("Enter an 11-digit mainland mobile number."))


class User(AbstractUser):
    """Everyone who signs in: residents, staff, social workers. No ID-card number is ever collected."""

    phone = models.CharField(_("mobile number"), max_length=11, unique=True, null=True, blank=True, validators=[phone_validator])
    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    home_unit = models.ForeignKey(
        "courtyards.Unit", models.SET_NULL, null=True, blank=True, related_name="residents", verbose_name=_("verified home unit")
    )
    household = models.ForeignKey(
        "courtyards.Household", models.SET_NULL, null=True, blank=True, related_name="members", verbose_name=_("household")
    )
    # Moved forward by "sign out everywhere" and a forced reset: it is part of the session hash,
    # so every session and API token issued before it stops working at once.
    signed_out_at = models.DateTimeField(_("signed out everywhere at"), null=True, blank=True, editable=False)
    # The language the person last chose with the switcher while signed in: what they are written to
    # (e-mail, SMS) and what the API answers them in; empty is the portal's default (Chinese).
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True, editable=False)

    # A resident's home decides "my community"; staff are scoped by their role assignments.
    tree_paths = {
        "district": "home_unit__district_id",
        "street": "home_unit__street_id",
        "community": "home_unit__community_id",
        "courtyard": "home_unit__courtyard_id",
    }
    owner_path = "pk"

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    def _get_session_auth_hash(self, secret=None):
        """Django's hash of the password, plus the last "sign out everywhere" (unchanged while there was none)."""
        if self.signed_out_at is None:
            return super()._get_session_auth_hash(secret=secret)
        key_salt = "governance.accounts.User.get_session_auth_hash"
        value = f"{self.password}:{self.signed_out_at.isoformat()}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


def _only_node_of(level: str) -> dict:
    """The lookups saying a role held on `level` names a node of that level and of no other."""
    return {f"{other}__isnull": other != level for other in ScopeLevel.values}


class RoleAssignment(models.Model):
    """A role held on one node of the tree. It reaches every row that lies under that node."""

    user = models.ForeignKey(User, models.CASCADE, related_name="role_assignments", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    level = models.CharField(_("level"), max_length=20, choices=ScopeLevel.choices)
    district = models.ForeignKey("courtyards.District", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("district"))
    street = models.ForeignKey("courtyards.Street", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("street"))
    community = models.ForeignKey(
        "courtyards.Community", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("community")
    )
    courtyard = models.ForeignKey(
        "courtyards.Courtyard", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("courtyard")
    )
    grid = models.ForeignKey("courtyards.Grid", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("grid"))
    # The district the node lies in, so that district administrators manage every role of their district.
    scope_district = models.ForeignKey("courtyards.District", models.CASCADE, related_name="+", verbose_name=_("in district"))
    granted_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("granted by"))
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    tree_paths = {"district": "scope_district_id"}
    access_roles = {"view": {Role.DISTRICT_ADMIN}, "manage": {Role.DISTRICT_ADMIN}}

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["user", "level", "role"])]
        constraints = [
            models.CheckConstraint(
                name="role_on_exactly_its_level",
                condition=reduce(operator.or_, (Q(level=level, **_only_node_of(level)) for level in ScopeLevel.values)),
            ),
            *[
                models.UniqueConstraint(fields=["user", "role", level], condition=Q(level=level), name=f"role_unique_on_{level}")
                for level in ScopeLevel.values
            ],
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.node}"

    @property
    def node(self):
        return getattr(self, self.level)

    @property
    def node_id(self) -> int:
        return getattr(self, f"{self.level}_id")


class PhoneCode(models.Model):
    """A one-time SMS code proving a phone number belongs to whoever registers or resets a password with it."""

    phone = models.CharField(_("mobile number"), max_length=11, validators=[phone_validator])
    purpose = models.CharField(_("purpose"), max_length=20, choices=PhoneCodePurpose.choices, default=PhoneCodePurpose.REGISTER)
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("SMS code")
        verbose_name_plural = _("SMS codes")
        indexes = [models.Index(fields=["phone", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.phone} @ {self.created_at:%Y-%m-%d %H:%M}"


class SecurityEvent(models.Model):
    """安全事件: a sign-in, a lockout, a refusal, a view of a case file, a download. Append-only.

    Never holds a password, a token or a full phone number (the one writing service masks them).
    On PostgreSQL a trigger refuses every UPDATE, and every DELETE except the retention purge's.
    """

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    # PROTECT: the trigger refuses the UPDATE that SET_NULL would need; people are closed, not deleted.
    actor = models.ForeignKey(User, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("who"))
    kind = models.CharField(_("event"), max_length=30, choices=SecurityEventKind.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=SecurityEventResult.choices, default=SecurityEventResult.SUCCESS)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    source_address = models.GenericIPAddressField(_("source address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["kind", "-at"], name="security_event_kind"),
            models.Index(fields=["actor", "-at"], name="security_event_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; it dies at `expires_at`, on "sign out
    everywhere" and on any password change, because it is bound to the session hash of its owner."""

    user = models.ForeignKey(User, models.CASCADE, related_name="api_tokens", verbose_name=_("user"))
    key_hash = models.CharField(max_length=64, unique=True)
    session_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} @ {self.created_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


auditlog.register(User, exclude_fields=["password", "last_login", "signed_out_at"], mask_fields=["phone", "email"])
auditlog.register(RoleAssignment)
