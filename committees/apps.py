from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    """Self-governance bodies on the tree: committees, councils, groups, the street federation; their meetings and the council cycle."""

    name = "committees"
    label = "committees"
    verbose_name = _("Committees and councils")

    def ready(self) -> None:
        from courtyards.tree_registry import register_tree_model

        from .models import Committee, Need

        register_tree_model(Committee)
        register_tree_model(Need)
        from governance.accounts.permissions import register_body_handlers

        from .selectors import committees_handled_by

        register_body_handlers("committee", committees_handled_by)
        from courtyards.sections import register_community_section, register_street_section
        from governance.core.navigation import register_link

        from . import sections

        register_community_section(
            key="committees", template="committees/section_community.html", context=sections.community_context, order=10
        )
        register_community_section(key="needs", template="committees/section_needs.html", context=sections.needs_context, order=30)
        from courtyards.sections import register_home_section

        register_home_section(
            key="meetings", template="committees/sections/home_meetings.html", context=sections.home_meetings_context, order=20
        )
        register_home_section(key="needs", template="committees/sections/home_needs.html", context=sections.home_needs_context, order=30)
        register_street_section(key="federation", template="committees/section_street.html", context=sections.street_context, order=10)
        register_link(area="work", label=_("Committees and councils"), url_name="committees:manage_list", order=20)
        from governance.notifications.channels import offer

        group = _("Committees and councils")
        offer("meeting.reminder", label=_("A meeting of mine is tomorrow"), group=group, sms=True)
        offer("need.on_agenda", label=_("A need I support is on the agenda"), group=group)
        offer("need.decided", label=_("A need I support is decided"), group=group)
