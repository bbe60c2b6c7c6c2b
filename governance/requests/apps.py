from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    """Residents' requests 诉求: submitted, routed, handled, escalated, closed; and Open311."""

    name = "governance.requests"
    label = "requests"
    verbose_name = _("Requests")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from courtyards.tree_registry import register_tree_model

        from .models import Callback, Caller, Department, Request, ResponseTemplate, Supervision
        from .selectors import response_templates_changed

        register_tree_model(Request)
        register_tree_model(Caller)
        register_tree_model(Department)
        via_request = {"courtyard": "request__courtyard", "building": "request__building", "unit": "request__unit"}
        register_tree_model(Callback, via=via_request)
        register_tree_model(Supervision, via=via_request)
        post_save.connect(response_templates_changed, sender=ResponseTemplate, dispatch_uid="response_templates_saved")
        post_delete.connect(response_templates_changed, sender=ResponseTemplate, dispatch_uid="response_templates_deleted")
        from governance.accounts.permissions import is_hotline_operator, is_staff_member, may_open_work_pages, register_body_handlers
        from governance.core.navigation import register_link

        from . import home, notify, offers, personal_data, waiting  # noqa: F401 - register the notification kinds
        from .dispatch.selectors import departments_handled_by
        from .public import sections as public_sections

        register_body_handlers("department", departments_handled_by)
        from committees.registry import register_need_implemented

        from .links.services import need_requests_resolve

        register_need_implemented(key="requests", callback=need_requests_resolve)
        from courtyards.sections import register_grid_count

        from .selectors import open_counts_by_grid

        register_grid_count(key="open_requests", label=_("Open requests"), count=open_counts_by_grid, order=10)
        public_sections.register()
        home.register()
        personal_data.register()
        offers.register()
        waiting.register()
        register_link(area="user", label=_("My requests"), url_name="requests:mine", order=10, has=home.filed_by)
        register_link(area="user", label=_("Hotline requests"), url_name="hotline:list", order=5, visible=is_hotline_operator)
        register_link(area="work", label=_("Requests queue"), url_name="requests:queue", order=10, visible=may_open_work_pages)
        register_link(area="work", label=_("Callbacks"), url_name="requests:callbacks", order=20, visible=is_staff_member)
        register_link(area="work", label=_("Supervisions"), url_name="requests:supervision_list", order=25, visible=is_staff_member)
        register_link(area="work", label=_("Extensions to decide"), url_name="requests:extension_list", order=27, visible=is_staff_member)
