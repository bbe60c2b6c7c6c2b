"""Open311 clients' keys, and what a category asks a client (and a form) beyond the description: GeoReport v2 service attributes."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Datatype(models.TextChoices):
    STRING = "string", _("Short text")
    NUMBER = "number", _("Number")
    DATETIME = "datetime", _("Date and time")
    TEXT = "text", _("Long text")
    SINGLE = "singlevaluelist", _("One of a list")
    MULTI = "multivaluelist", _("Several of a list")


LIST_DATATYPES = (Datatype.SINGLE, Datatype.MULTI)


class CategoryAttribute(models.Model):
    """One question of a category; `values` lists the choices of a list as [{"key": ..., "name": ...}]."""

    category = models.ForeignKey("requests.Category", models.CASCADE, related_name="attributes", verbose_name=_("category"))
    code = models.SlugField(_("code"), max_length=40)
    datatype = models.CharField(_("type"), max_length=20, choices=Datatype.choices, default=Datatype.STRING)
    required = models.BooleanField(_("required"), default=False)
    description_zh = models.CharField(_("question (Chinese)"), max_length=200)
    description_en = models.CharField(_("question (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    values = models.JSONField(_("choices"), default=list, blank=True, help_text=_('For lists: [{"key": "a", "name": "…"}, …]'))

    class Meta:
        verbose_name = _("service attribute")
        verbose_name_plural = _("service attributes")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="category_attribute_code_once")]

    def __str__(self) -> str:
        return f"{self.category_id}:{self.code}"

    @property
    def description(self) -> str:
        english = (get_language() or "").startswith("en") and self.description_en
        return self.description_en if english else self.description_zh

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.datatype in LIST_DATATYPES and not _valid_values(self.values):
            raise ValidationError({"values": _('A list needs choices: [{"key": "a", "name": "…"}, …], each key once.')})

    def value_keys(self) -> list[str]:
        return [str(v["key"]) for v in self.values or []]


def _valid_values(values) -> bool:
    if not isinstance(values, list) or not values:
        return False
    if not all(isinstance(v, dict) and str(v.get("key", "")).strip() and str(v.get("name", "")).strip() for v in values):
        return False
    return len({str(v["key"]) for v in values}) == len(values)


class ApiKey(models.Model):
    """An Open311 client's key, issued in the admin. Only its SHA-256 is stored."""

    name = models.CharField(_("client"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key starts with"), max_length=8, editable=False)
    active = models.BooleanField(_("active"), default=True)
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("submits as"),
        help_text=_("Requests from this client are filed under this account."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
