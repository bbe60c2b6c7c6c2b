"""Households of a community (staff; tags only for community staff and field workers) and their import."""

from . import STAFF, Case, Listing, expect

ROUTES = {
    "courtyards:household_list": [
        Case(STAFF, {"code": "xinhong"}),
        Case(expect(404, anonymous=302, admin=200), {"code": "hualin"}),
    ],
    "courtyards:household_import": [Case(STAFF)],
}


def _household(unit_code: str, room: str, tags: list[str]):
    def make(demo) -> str:
        from courtyards.households.services import household_record
        from courtyards.models import Unit

        household_record(unit=Unit.objects.get(code=unit_code), room=room, size=2, tags=tags, origin=None)
        return f"<td>{room}</td>"

    return make


def _tag_shown(demo) -> str:
    _household("xinhong-nanlu-b2-u2", "T-909", ["left_behind_child"])(demo)
    return '<span class="tag">留守儿童</span>'


LISTS = {
    "courtyards:household_list": [
        Listing(
            {"inside": _household("xinhong-nanlu-b2-u2", "H-IN-1", []), "outside": _household("hualin-a-b1-u1", "H-OUT-1", [])},
            {"admin": {"inside"}, "street": {"inside"}, "community": {"inside"}, "worker": {"inside"}},
            kwargs={"code": "xinhong"},
        ),
        # Tags only for those who serve the household: community staff and the social worker, not street or district staff.
        Listing(
            {"inside": _tag_shown},
            {"admin": set(), "street": set(), "community": {"inside"}, "worker": {"inside"}},
            kwargs={"code": "xinhong"},
        ),
    ],
}
