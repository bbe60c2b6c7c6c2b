"""The GeoReport v2 discovery resource: where the endpoint is, what it speaks, whom to ask for a key."""

from django.urls import reverse
from django.utils.translation import gettext as _

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# The date of the last change to what /open311/v2/ answers: bump it with every change clients should notice.
CHANGESET = "2026-12-01T00:00:00+08:00"
FORMATS = ["text/xml", "application/json"]


def discovery_record(absolute) -> dict:
    """`absolute` makes a path an absolute URL (the HTTP request's build_absolute_uri)."""
    services = reverse("open311:services", kwargs={"fmt": "json"})
    base = absolute(services.removesuffix("services.json"))
    return {
        "changeset": CHANGESET,
        "contact": _("Chenghua community governance portal: write to the district office through the portal's contact page."),
        "key_service": _("API keys for civic apps are issued by the district's portal administrators; ask them for one."),
        "endpoints": [{"specification": SPECIFICATION, "url": base, "changeset": CHANGESET, "type": "production", "formats": FORMATS}],
    }
