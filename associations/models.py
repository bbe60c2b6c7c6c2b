"""Associations 社团 and the enterprise social-responsibility alliance 企业社会责任联合会.

Both carry denormalised ancestor keys set by their create services. A leader runs their
association through a django-guardian grant made when they are made leader.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import Anchor, AssociationKind, EnterpriseKind, MembershipStatus, PledgeKind, ReviewStatus

_TREE = {"district": "district_id", "street": "street_id", "community": "community_id", "courtyard": "courtyard_id"}
_VIA_ASSOCIATION = {level: f"association__{path}" for level, path in _TREE.items()}


class Association(models.Model):
    """社团: anchored to a courtyard, a building, the community or an interest, guided by a committee."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=AssociationKind.choices)
    anchor = models.CharField(_("anchored to"), max_length=20, choices=Anchor.choices, default=Anchor.COMMUNITY)
    interest = models.CharField(_("interest"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    how_to_join = models.TextField(_("how to join"), blank=True)
    guiding_committee = models.ForeignKey(
        "committees.Committee",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="guided_associations",
        verbose_name=_("guiding committee"),
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    district = models.ForeignKey("courtyards.District", models.PROTECT, related_name="+", verbose_name=_("district"))
    street = models.ForeignKey("courtyards.Street", models.PROTECT, related_name="+", verbose_name=_("street"))
    community = models.ForeignKey("courtyards.Community", models.PROTECT, related_name="+", verbose_name=_("community"))
    courtyard = models.ForeignKey(
        "courtyards.Courtyard", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("courtyard")
    )
    building = models.ForeignKey("courtyards.Building", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("building"))

    tree_paths = _TREE
    object_grants = True  # leaders run their association (guardian grant made by the service)

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]
        permissions = [("manage_association", _("Run this association"))]
        indexes = [models.Index(fields=["community", "is_active", "kind"], name="association_community")]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="association_unique_name")]

    def __str__(self) -> str:
        return self.name


class AssociationMembership(models.Model):
    """A resident's application and membership; one pending or active row per person and association."""

    association = models.ForeignKey(Association, models.CASCADE, related_name="memberships", verbose_name=_("association"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="association_memberships", verbose_name=_("resident"))
    status = models.CharField(_("status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.PENDING)
    is_leader = models.BooleanField(_("leader"), default=False)
    message = models.CharField(_("message to the leader"), max_length=200, blank=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )

    tree_paths = _VIA_ASSOCIATION
    owner_path = "user_id"

    class Meta:
        verbose_name = _("association membership")
        verbose_name_plural = _("association memberships")
        ordering = ["-is_leader", "status", "applied_at"]
        indexes = [models.Index(fields=["association", "status"], name="association_member_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "user"], condition=Q(status__in=["pending", "active"]), name="association_one_open_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.association}"


class SupervisionReview(models.Model):
    """综合监管: the yearly review of an association by street or community staff."""

    association = models.ForeignKey(Association, models.CASCADE, related_name="reviews", verbose_name=_("association"))
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("result"), max_length=20, choices=ReviewStatus.choices)
    findings = models.TextField(_("findings"), blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("reviewer"))
    reviewed_on = models.DateField(_("reviewed on"))

    tree_paths = _VIA_ASSOCIATION

    class Meta:
        verbose_name = _("supervision review")
        verbose_name_plural = _("supervision reviews")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["association", "year"], name="review_once_a_year")]

    def __str__(self) -> str:
        return f"{self.association} {self.year}"


class Enterprise(models.Model):
    """An enterprise or shop of a street, member of the social-responsibility alliance or not."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=EnterpriseKind.choices)
    alliance_member = models.BooleanField(_("alliance member"), default=True)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    district = models.ForeignKey("courtyards.District", models.PROTECT, related_name="+", verbose_name=_("district"))
    street = models.ForeignKey("courtyards.Street", models.PROTECT, related_name="+", verbose_name=_("street"))
    community = models.ForeignKey(
        "courtyards.Community", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("community")
    )

    tree_paths = {"district": "district_id", "street": "street_id", "community": "community_id"}

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        indexes = [models.Index(fields=["street", "alliance_member"], name="enterprise_street")]
        constraints = [models.UniqueConstraint(fields=["street", "name"], name="enterprise_unique_name")]

    def __str__(self) -> str:
        return self.name


class Pledge(models.Model):
    """What an enterprise offers the community: jobs, clinics, outings, with a capacity and a period."""

    enterprise = models.ForeignKey(Enterprise, models.CASCADE, related_name="pledges", verbose_name=_("enterprise"))
    kind = models.CharField(_("kind"), max_length=20, choices=PledgeKind.choices)
    title = models.CharField(_("title"), max_length=200)
    capacity = models.PositiveIntegerField(_("capacity"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    needs = models.ManyToManyField("committees.Need", blank=True, related_name="pledges", verbose_name=_("matched needs"))

    tree_paths = {
        level: f"enterprise__{path}"
        for level, path in {"district": "district_id", "street": "street_id", "community": "community_id"}.items()
    }

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")), name="pledge_period")
        ]

    def __str__(self) -> str:
        return self.title


class PledgeFulfilment(models.Model):
    """履约记录: how many of a pledge's places or jobs were used on a day, and for which matched need."""

    pledge = models.ForeignKey(Pledge, models.PROTECT, related_name="fulfilments", verbose_name=_("pledge"))
    need = models.ForeignKey(
        "committees.Need", models.SET_NULL, null=True, blank=True, related_name="pledge_fulfilments", verbose_name=_("need served")
    )
    used = models.PositiveIntegerField(_("places or jobs used"))
    happened_on = models.DateField(_("fulfilled on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    tree_paths = {level: f"pledge__{path}" for level, path in Pledge.tree_paths.items()}

    class Meta:
        verbose_name = _("pledge fulfilment")
        verbose_name_plural = _("pledge fulfilments")
        ordering = ["-happened_on", "-pk"]
        indexes = [models.Index(fields=["pledge", "happened_on"], name="fulfilment_of_pledge")]
        constraints = [models.CheckConstraint(condition=Q(used__gte=1), name="fulfilment_uses_something")]

    def __str__(self) -> str:
        return f"{self.pledge} · {self.used}"


for _model in (Association, AssociationMembership, SupervisionReview, Enterprise, Pledge, PledgeFulfilment):
    auditlog.register(_model)
