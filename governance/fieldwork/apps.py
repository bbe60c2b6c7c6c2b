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
