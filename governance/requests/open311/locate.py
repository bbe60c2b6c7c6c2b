"""Where an Open311 report is: its address, or else the courtyard nearest its lat/long.

GeoReport v2 lets a client send a location without an address (a phone's GPS fix): the report is
placed on the nearest located courtyard within settings.REQUEST_LOCATE_MAX_METRES, and refused
with a clear 400 when no courtyard of the portal is that close.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from courtyards.selectors import courtyards_nearest

from . import params


def place(data):
    """The node a POST names by address_id / address_string, or the courtyard nearest its lat and long."""
    if data.get("address_id", "").strip() or data.get("address_string", "").strip():
        return params.place(data)
    latitude, longitude = params.coordinate(data, "lat", 90), params.coordinate(data, "long", 180)
    if latitude is None or longitude is None:
        raise params.Open311Error(400, _("Give address_id, address_string, or lat and long."))
    metres = settings.REQUEST_LOCATE_MAX_METRES
    nearest = courtyards_nearest(latitude=latitude, longitude=longitude, within_metres=metres, limit=1)
    if not nearest:
        raise params.Open311Error(
            400,
            _("No courtyard of this portal lies within %(metres)s m of lat/long: give address_id or address_string.") % {"metres": metres},
        )
    return nearest[0]
