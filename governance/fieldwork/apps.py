from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldworkConfig(AppConfig):
    """Grid work 网格工作: patrols, household visits and the events found on them."""

    name = "governance.fieldwork"
    label = "fieldwork"
    verbose_name = _("Grid work")

    def ready(self) -> None:
        from courtyards.tree_registry import register_tree_model

        from . import models

        for model in (models.Patrol, models.PatrolCourtyard, models.Visit, models.FieldEvent):
            register_tree_model(model)
        from governance.accounts import permissions
        from governance.accounts.choices import Role
        from governance.core.navigation import register_link

        from .selectors import logs_field_work

        def works_a_grid(user) -> bool:
            """A grid worker with a grid to log in (a role on a community without grids logs nothing)."""
            return permissions.holds_role(user, {Role.GRID_WORKER}) and logs_field_work(user)

        register_link(area="work", label=_("Log a patrol"), url_name="fieldwork:patrol_log", order=5, visible=works_a_grid)
        register_link(area="work", label=_("Log a household visit"), url_name="fieldwork:visit_log", order=6, visible=works_a_grid)
        register_link(area="work", label=_("Patrols"), url_name="fieldwork:patrol_list", order=26, visible=permissions.is_staff_member)
        register_link(
            area="work", label=_("Household visits"), url_name="fieldwork:visit_list", order=27, visible=permissions.is_staff_member
        )
        register_link(area="user", label=_("Log a patrol"), url_name="fieldwork:patrol_log", order=15, visible=works_a_grid)
        self._my_grid_register()

    def _my_grid_register(self) -> None:
        """我的网格: in the header of a grid worker, and where they land after signing in."""
        from governance.core.navigation import register_landing, register_link

        from .mygrid import works_a_grid

        register_link(area="user", label=_("My grid"), url_name="mygrid:home", order=5, visible=works_a_grid)
        register_landing(url_name="mygrid:home", applies=works_a_grid, order=10)
