from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    """Associations 社团 with their leaders, members and yearly supervision; the enterprise alliance and its pledges."""

    name = "associations"
    label = "associations"
    verbose_name = _("Associations")

    def ready(self) -> None:
        from courtyards.tree_registry import register_tree_model

        from .models import Association, Enterprise

        register_tree_model(Association)
        register_tree_model(Enterprise)
        from courtyards.sections import register_community_section
        from governance.core.navigation import register_link

        from . import sections

        register_community_section(
            key="associations", template="associations/section_community.html", context=sections.community_context, order=20
        )
        register_link(area="user", label=_("What I run"), url_name="associations:mine", order=50, has=sections.runs)
        register_link(area="work", label=_("Associations"), url_name="associations:manage_list", order=30)
        register_link(area="work", label=_("Enterprise alliance"), url_name="associations:enterprise_list", order=40)
        from governance.notifications.channels import offer

        offer("association.approved", label=_("My application to an association is approved"), group=_("Associations"))
        offer("association.declined", label=_("My application to an association is declined"), group=_("Associations"))
