"""A caller to the hotline 12345 who has no account: known by a phone number within one district."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.accounts.choices import FIELD_ROLES, HOTLINE_ROLES, STAFF_ROLES
from governance.accounts.models import phone_validator
from governance.accounts.permissions import Action


class Caller(models.Model):
    """来电人: whom a hotline request answers to when no account has their number; never signs in."""

    phone = models.CharField(_("mobile number"), max_length=11, validators=[phone_validator])
    name = models.CharField(_("name"), max_length=60, blank=True)
    district = models.ForeignKey("courtyards.District", models.PROTECT, related_name="+", verbose_name=_("district"))
    created_at = models.DateTimeField(_("first called at"), auto_now_add=True)

    tree_paths = {"district": "district_id"}
    access_roles = {Action.VIEW: STAFF_ROLES | FIELD_ROLES | HOTLINE_ROLES, Action.MANAGE: HOTLINE_ROLES}

    class Meta:
        verbose_name = _("caller")
        verbose_name_plural = _("callers")
        constraints = [models.UniqueConstraint(fields=["district", "phone"], name="caller_once_per_district")]

    def __str__(self) -> str:
        from governance.core.privacy import mask_phone

        return f"{self.name or _('caller')} {mask_phone(self.phone)}"
