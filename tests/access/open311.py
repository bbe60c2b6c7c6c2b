"""Open311 GeoReport v2, the public feed and statistics of requests, +1 support and following (issue 3, public side)."""

from tests.base import OPEN311_TEST_KEY, make_api_key, make_category, public_request

from . import PUBLIC, Case, expect


def _valid_post(demo) -> dict:
    make_api_key()
    make_category()
    return {"api_key": OPEN311_TEST_KEY, "service_code": "noise", "description": "夜间广场舞噪音", "address_string": "新鸿社区"}


ROUTES = {
    "open311:discovery": [Case(PUBLIC, {"fmt": "json"}), Case(PUBLIC, {"fmt": "xml"})],
    "open311:services": [Case(PUBLIC, {"fmt": "json"}), Case(PUBLIC, {"fmt": "xml"})],
    "open311:service": [
        Case(PUBLIC, lambda d: {"code": make_category().code, "fmt": "json"}),
        Case(expect(404), {"code": "no-such-service", "fmt": "xml"}),
    ],
    "open311:requests": [
        Case(PUBLIC, {"fmt": "json"}),
        Case(PUBLIC, {"fmt": "xml"}, query="status=open"),
        Case(expect(400), {"fmt": "json"}, query="start_date=yesterday"),
        Case(expect(403), {"fmt": "json"}, method="post", data={"service_code": "noise", "description": "x"}, note="no api_key"),
        Case(expect(200), {"fmt": "json"}, method="post", data=_valid_post, note="a civic app files a request: sessions play no part"),
    ],
    "open311:request": [
        Case(PUBLIC, lambda d: {"number": public_request(d).number, "fmt": "json"}),
        Case(expect(404), {"number": "CH-2000-999999", "fmt": "json"}),
    ],
    "public_requests:feed": [Case(PUBLIC, {"code": "xinhong"}), Case(expect(404), {"code": "no-such-community"})],
    "public_requests:near_feed": [
        Case(PUBLIC, query="lat=30.655120&long=104.104830&within=1000"),
        Case(PUBLIC, note="no location: the signed-in resident's community, else nothing"),
        Case(PUBLIC, query="lat=north&long=%00&within=-1&page=-3"),
    ],
    "public_requests:stats": [Case(PUBLIC, {"code": "xinhong"}, query="days=30"), Case(expect(404), {"code": "no-such-community"})],
    "public_requests:follow": [Case(expect(302), {"code": "xinhong"}, method="post")],
    "public_requests:unfollow": [Case(expect(302), {"code": "xinhong"}, method="post")],
    "public_requests:similar": [
        Case(PUBLIC, query="category=noise&place=xinhong-nanlu&text=楼道灯"),
        Case(PUBLIC, query="category=&place=&text=", note="nothing to compare with: an empty answer"),
    ],
    "public_requests:support": [
        Case(expect(302), lambda d: {"number": public_request(d).number}, method="post", note="accepted or refused with a message"),
        Case(expect(404, anonymous=302), {"number": "CH-2000-999999"}, method="post"),
    ],
    "api:community-stats-detail": [Case(PUBLIC, {"code": "xinhong"}), Case(expect(404), {"code": "nowhere"})],
    "api:street-stats-detail": [Case(PUBLIC, {"code": "shuangqiaozi"}), Case(expect(400), {"code": "shuangqiaozi"}, query="start=soon")],
    "api:district-stats-detail": [Case(PUBLIC, {"code": "chenghua"})],
}
