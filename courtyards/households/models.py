"""What a household's record adds to its room: tags that need care, and for a resettled household 安置户, its origin.

Tags are rows of their own, so they are filterable on SQLite and PostgreSQL alike and the permission
module scopes them apart from the household: `access_roles` lets only the roles that serve a household
see them (community staff, social and grid workers in scope), never street staff, committee members
or residents.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.accounts.choices import FIELD_ROLES, Role
from governance.accounts.permissions import Action

from ..choices import HouseholdTag

TAG_ROLES = frozenset({Role.COMMUNITY_STAFF}) | FIELD_ROLES


class ResettlementOrigin(models.Model):
    """A former community (village) and resident group 村民小组 that resettled households came from.

    The village may have been dissolved, so the names are kept as they were; `successor` is today's
    community it became part of, when there is one. "From 5 communities and 13 resident groups" is a
    count of distinct origins of a courtyard's households.
    """

    district = models.ForeignKey("courtyards.District", models.PROTECT, related_name="+", verbose_name=_("district"))
    community_name = models.CharField(_("former community"), max_length=100)
    group_name = models.CharField(_("former resident group"), max_length=100, blank=True)
    successor = models.ForeignKey(
        "courtyards.Community",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("today's community"),
    )

    tree_paths = {"district": "district_id"}

    class Meta:
        verbose_name = _("resettlement origin")
        verbose_name_plural = _("resettlement origins")
        ordering = ["community_name", "group_name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "community_name", "group_name"], name="resettlement_origin_unique_names")
        ]

    def __str__(self) -> str:
        return f"{self.community_name}{self.group_name}"


class HouseholdTagRow(models.Model):
    """One tag of a household (独居老人, 低保, 残疾 ...): sensitive, seen only by the roles that serve it."""

    household = models.ForeignKey("courtyards.Household", models.CASCADE, related_name="tags", verbose_name=_("household"))
    tag = models.CharField(_("tag"), max_length=30, choices=HouseholdTag.choices)

    # The household's own paths, through the join: a tag follows its household wherever it moves.
    tree_paths = {
        "district": "household__district_id",
        "street": "household__street_id",
        "community": "household__community_id",
        "courtyard": "household__courtyard_id",
        "unit": "household__unit_id",
        "grid": "household__grid_id",
    }
    access_roles = {Action.VIEW: TAG_ROLES, Action.MANAGE: frozenset({Role.COMMUNITY_STAFF})}

    class Meta:
        verbose_name = _("household tag")
        verbose_name_plural = _("household tags")
        indexes = [models.Index(fields=["tag", "household"], name="household_tag_filter")]
        constraints = [models.UniqueConstraint(fields=["household", "tag"], name="household_tag_once")]

    def __str__(self) -> str:
        return self.get_tag_display()
