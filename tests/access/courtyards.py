from . import PUBLIC, SIGNED_IN, STAFF, Case, expect

API_STAFF = expect(200, anonymous=403)
API_OUT_OF_SCOPE = expect(404, anonymous=403)

ROUTES = {
    "courtyards:street": [Case(PUBLIC, {"code": "shuangqiaozi"}), Case(expect(404), {"code": "no-such-street"})],
    "courtyards:community": [Case(PUBLIC, {"code": "xinhong"}), Case(PUBLIC, {"code": "hualin"})],
    "courtyards:place_options": [Case(PUBLIC, query="level=unit&parent=xinhong-nanlu-b1"), Case(expect(404), query="level=street")],
    "courtyards:claim": [Case(SIGNED_IN)],
    "courtyards:manage": [Case(STAFF)],
    "courtyards:manage_community": [
        Case(STAFF, {"code": "xinhong"}),
        Case(expect(404, anonymous=302, admin=200), {"code": "hualin"}),
    ],
    "courtyards:unit_list": [Case(STAFF)],
    "courtyards:grid_list": [Case(STAFF), Case(STAFF, query="community=xinhong")],
    "courtyards:claim_queue": [Case(STAFF)],
    "courtyards:claim_verify": [
        Case(
            expect(404, anonymous=302, admin=302, community=302, street=302),
            method="post",
            kwargs=lambda d: {"code": d.pending_claim().code},
        ),
    ],
    "courtyards:claim_decline": [
        Case(
            expect(404, anonymous=302, admin=302, community=302, street=302),
            method="post",
            kwargs=lambda d: {"code": d.pending_claim().code},
            data={"decline_reason": "地址不符"},
        ),
    ],
    "api:district-list": [Case(API_STAFF)],
    "api:district-detail": [Case(expect(404, anonymous=403, admin=200), {"code": "chenghua"})],
    "api:street-list": [Case(API_STAFF)],
    "api:street-detail": [
        Case(expect(200, anonymous=403, resident=404, resident2=404, community=404, worker=404), {"code": "shuangqiaozi"}),
        Case(expect(404, anonymous=403, admin=200), {"code": "shengdeng"}),
    ],
    "api:community-list": [Case(API_STAFF)],
    "api:community-detail": [
        Case(expect(200, anonymous=403, resident=404, resident2=404), {"code": "xinhong"}),
        Case(expect(404, anonymous=403, admin=200), {"code": "hualin"}),
    ],
    "api:courtyard-list": [Case(API_STAFF)],
    "api:courtyard-detail": [Case(expect(200, anonymous=403, resident=404, resident2=404), {"code": "xinhong-nanlu"})],
    "api:building-list": [Case(API_STAFF)],
    "api:building-detail": [Case(expect(404, anonymous=403, admin=200), {"code": "hualin-a-b1"})],
    "api:unit-list": [Case(API_STAFF)],
    "api:unit-detail": [Case(expect(200, anonymous=403, resident=404, resident2=404), {"code": "xinhong-nanlu-b1-u1"})],
    "api:homeclaim-list": [Case(API_STAFF)],
    "api:homeclaim-detail": [
        Case(expect(200, anonymous=403, resident2=404), kwargs=lambda d: {"code": d.resident.home_claims.first().code}),
    ],
}
