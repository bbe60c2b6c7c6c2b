"""What the reports app adds to the others at start-up: its notification kind, its work link, open-data links on public pages."""

from django.utils.translation import gettext_lazy as _


def register_all() -> None:
    from courtyards.sections import register_community_section, register_street_section
    from governance.accounts.permissions import is_staff_member
    from governance.core.navigation import register_link
    from governance.notifications.kinds import register

    register(
        "reports.done",
        title=_("Report ready: %(place)s"),
        body=_("The report of %(place)s for %(start)s to %(end)s is ready to download."),
    )
    register_link(area="work", label=_("Dashboards and reports"), url_name="reports:index", order=60, visible=is_staff_member)
    register_street_section(key="open_data", template="reports/partials/open_data_link.html", context=_street_link, order=900)
    register_community_section(key="open_data", template="reports/partials/open_data_link.html", context=_community_link, order=900)


def _street_link(request, node) -> dict:
    return {"level": "street"}


def _community_link(request, node) -> dict:
    return {"level": "community"}
