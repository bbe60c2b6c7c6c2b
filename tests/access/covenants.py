"""Covenant routes of the courtyards app."""

from . import PUBLIC, Case, expect
from .committees import admin_routes

MAHJONG = {"code": "xinhong-mahjong"}
MANAGERS = expect(404, anonymous=302, admin=200, street=200, community=200)

ROUTES = {
    "courtyards:covenant": [Case(PUBLIC, MAHJONG), Case(expect(404), {"code": "no-such-covenant"})],
    "courtyards:covenant_endorse": [Case(expect(302), MAHJONG, method="post")],
    "courtyards:covenant_create": [Case(expect(200, anonymous=302, worker=200, resident=404, resident2=404))],
    "courtyards:covenant_manage": [Case(MANAGERS, MAHJONG)],
    "courtyards:covenant_unit_options": [Case(MANAGERS, MAHJONG)],
    "courtyards:covenant_version_add": [Case(MANAGERS, MAHJONG, method="post")],
    "courtyards:covenant_endorse_record": [Case(expect(404, anonymous=302, admin=302, street=302, community=302), MAHJONG, method="post")],
    "api:covenant-list": [Case(expect(200, anonymous=403))],
    "api:covenant-detail": [Case(expect(200, anonymous=403, resident=404, resident2=404), MAHJONG)],
}


def _covenant(d):
    from courtyards.models import Covenant

    return Covenant.objects.get(code="xinhong-mahjong")


ROUTES |= admin_routes({"courtyards.covenant": (_covenant, {"admin", "street", "community", "worker"})})
