from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CourtyardsConfig(AppConfig):
    """The territory tree, district > street > community > courtyard > building > unit, and what hangs on a place."""

    name = "courtyards"
    verbose_name = _("Territory")

    def ready(self) -> None:
        from governance.accounts.models import RoleAssignment
        from governance.accounts.personal_data import register_personal_data

        from . import models, personal_data
        from .tree_registry import register_tree_key, register_tree_model

        register_tree_key("grid")  # every row with a `grid` key takes its place's grid
        from governance.accounts.permissions import is_staff_member
        from governance.core.navigation import register_link

        register_link(area="work", label=_("Grids"), url_name="courtyards:grid_list", order=15, visible=is_staff_member)
        register_link(area="profile", label=_("My home"), url_name="courtyards:claim", order=5)
        from . import home_sections
        from .sections import register_home_section

        register_home_section(
            key="covenants", template="courtyards/sections/home_covenants.html", context=home_sections.covenants_context, order=50
        )
        from governance.core.navigation import register_waiting

        from .selectors import claims_waiting

        register_waiting(key="claims", label=_("Home claims to verify"), url_name="courtyards:claim_queue", count=claims_waiting, order=5)

        register_personal_data(key="home_claims", export=personal_data.export, erase=personal_data.erase)
        register_personal_data(key="household", export=personal_data.export_household)
        from governance.notifications.channels import offer

        offer("claim.verified", label=_("My home is verified"), group=_("My home"))
        offer("claim.declined", label=_("My home claim is declined"), group=_("My home"))

        for model in (models.Street, models.Community, models.Courtyard, models.Building, models.Unit, models.Grid, models.Covenant):
            register_tree_model(model)
        for model in (models.Household, models.HomeClaim):
            register_tree_model(model, via={"building": "unit__building"})
        # An origin's district follows the community its village became part of, if it moves.
        register_tree_model(models.ResettlementOrigin, via={"street": "successor__street", "community": "successor"})
        # A role's own node is its place; only the district it lies in is a copied key.
        register_tree_model(
            RoleAssignment,
            keys={"district": "scope_district"},
            via={
                "street": ("street", "community__street", "courtyard__street", "grid__street"),
                "community": ("community", "courtyard__community", "grid__community"),
                "courtyard": ("courtyard",),
            },
        )
