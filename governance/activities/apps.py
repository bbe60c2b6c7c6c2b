from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ActivitiesConfig(AppConfig):
    """Field work: service activities, volunteers, special families and funded projects."""

    name = "governance.activities"
    label = "activities"
    verbose_name = _("Service activities")

    def ready(self) -> None:
        from courtyards.tree_registry import register_tree_model

        from . import models

        for model in (models.Organiser, models.ServiceStation, models.Project, models.Activity, models.SpecialFamily):
            register_tree_model(model)
        register_tree_model(models.HelpRecord, via={"courtyard": "family__courtyard"})
        from courtyards.sections import register_community_section, register_street_section
        from governance.accounts import permissions
        from governance.accounts.personal_data import register_personal_data
        from governance.core.navigation import register_link

        from . import personal_data, sections, selectors

        register_personal_data(key="signups", export=personal_data.export_signups)
        register_personal_data(key="volunteer_hours", export=personal_data.export_hours)

        register_community_section(key="activities", template="activities/sections/community.html", context=sections.community, order=50)
        from courtyards.sections import register_home_section

        register_home_section(key="activities", template="activities/sections/home.html", context=sections.home, order=40)
        register_street_section(key="activities", template="activities/sections/street.html", context=sections.street, order=50)
        register_link(area="work", label=_("Log an activity"), url_name="activities:log", order=10, visible=permissions.is_staff_member)
        register_link(area="work", label=_("Activities"), url_name="activities:list", order=20, visible=permissions.is_staff_member)
        register_link(
            area="work", label=_("Hours to approve"), url_name="activities:hours_queue", order=25, visible=permissions.is_staff_member
        )
        register_link(
            area="work", label=_("Special families"), url_name="activities:family_list", order=30, visible=permissions.is_staff_member
        )
        register_link(
            area="work", label=_("Funded projects"), url_name="activities:project_list", order=40, visible=permissions.is_staff_member
        )
        register_link(
            area="user", label=pgettext_lazy("navigation", "Volunteering"), url_name="activities:mine", order=50, has=sections.volunteered
        )
        from governance.core.navigation import register_waiting

        register_waiting(
            key="hours", label=_("Hours to approve"), url_name="activities:hours_queue", count=selectors.hours_waiting_count, order=40
        )
        from governance.notifications.channels import offer

        offer("hours.approved", label=_("My volunteer hours are approved"), group=_("My volunteering"))
        offer("hours.rejected", label=_("My volunteer hours are not approved"), group=_("My volunteering"))
