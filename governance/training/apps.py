from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Training records: courses, sessions, attendance and certificates of grid and social workers."""

    name = "governance.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from courtyards.tree_registry import register_tree_model
        from governance.accounts import permissions
        from governance.accounts.personal_data import register_personal_data
        from governance.core.navigation import register_link

        from . import models, personal_data, selectors

        for model in (models.Course, models.Certificate):
            register_tree_model(model)
        register_personal_data(key="training", export=personal_data.export)
        register_link(area="work", label=_("Training"), url_name="training:course_list", order=45, visible=selectors.manages_courses)
        register_link(area="user", label=_("My training"), url_name="training:mine", order=55, visible=permissions.is_staff_member)
        register_link(area="profile", label=_("My training"), url_name="training:mine", order=55)
