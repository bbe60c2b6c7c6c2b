"""Requests: resident pages, staff pages, photos and the API. Seeded requests are found by title."""

from . import STAFF, Case, expect

OWN = "楼上深夜打麻将"  # demo_resident's, 新鸿社区
HUALIN = "小区绿地被占用"  # demo_resident2's, 华林社区
CLOSED = "人行道破损"  # resident_05's, 新鸿社区, closed: every action is refused, nothing changes
CALLBACK = "单元门禁损坏"  # rated 2: a callback waits for 新鸿社区 staff


def number(title: str):
    def kwargs(demo) -> dict:
        from governance.requests.models import Request

        return {"number": Request.objects.get(title=title).number}

    return kwargs


def photo_of(title: str):
    def kwargs(demo) -> dict:
        from tests.governance.requests.helpers import photo_for

        return {"code": photo_for(title).code}

    return kwargs


def callback(demo) -> dict:
    from governance.requests.models import Callback

    return {"pk": Callback.objects.get(request__title=CALLBACK).pk}


# demo_operator (接线员 of 双桥子街道) sees the requests of their street (新鸿社区's, not 华林社区's) and acts on none.
OWN_REQUEST = expect(200, anonymous=302, resident2=404, operator=200)
HUALIN_REQUEST = expect(404, anonymous=302, admin=200, resident2=200, operator=404)
IN_XINHONG_STAFF = expect(200, anonymous=302, resident=404, resident2=404)
QUEUE = expect(200, anonymous=302, resident=404, operator=404)  # demo_resident2 chairs a committee that owns requests
REFUSED_BY_SERVICE = expect(302, resident=404, resident2=404)  # in scope: a message and a redirect, nothing changed
API_REFUSED = expect(400, anonymous=403, resident=404, resident2=404, operator=400)
RESIDENT_REFUSED = expect(302, resident=404, resident2=404, operator=302)  # the reporter's step: a message for anyone else in scope

ROUTES = {
    "requests:new": [
        Case(expect(302, resident=200, resident2=200, operator=302), note="staff without a verified home are sent to claim it")
    ],
    "requests:mine": [Case(expect(200, anonymous=302))],
    "requests:places_near": [
        Case(expect(200, anonymous=302), query="lat=30.655120&long=104.104830"),
        Case(expect(400, anonymous=302), query="lat=north&long=%00"),
    ],
    "requests:detail": [
        Case(OWN_REQUEST, number(OWN)),
        Case(HUALIN_REQUEST, number(HUALIN)),
    ],
    "requests:filed": [Case(expect(404, anonymous=302, resident=200), number(OWN), note="the reporter's confirmation only")],
    "requests:confirm": [Case(RESIDENT_REFUSED, number(CLOSED), method="post")],
    "requests:reopen": [Case(RESIDENT_REFUSED, number(CLOSED), method="post")],
    "requests:photo": [
        Case(expect(200, anonymous=404, resident2=404, operator=200), photo_of(OWN)),
        Case(expect(404, admin=200, resident2=200, operator=404), photo_of(HUALIN)),
    ],
    "requests:queue": [Case(QUEUE), Case(QUEUE, query="status=junk&overdue=maybe&page=-3&q=%00")],
    "requests:bulk_assign": [Case(REFUSED_BY_SERVICE, method="post")],
    "requests:staff_detail": [
        Case(IN_XINHONG_STAFF, number(OWN)),
        # 华林社区's greening request is owned by its 公共环境委员会, which demo_resident2 chairs
        Case(HUALIN_REQUEST, number(HUALIN)),
    ],
    "requests:staff_act": [Case(REFUSED_BY_SERVICE, number(CLOSED), method="post", data={"action": "accept"})],
    # Link pages: staff who may MANAGE the request; an empty form is refused with a message, nothing changes.
    **{
        f"requests:{name}": [
            Case(expect(302, worker=404, resident=404, resident2=404), number(OWN), method="post"),
            Case(expect(404, anonymous=302, admin=302), number(HUALIN), method="post"),
        ]
        for name in ("to_need", "cite_covenant", "link_action")
    },
    "requests:callbacks": [Case(STAFF)],
    "requests:callback_done": [Case(expect(302, worker=404, resident=404, resident2=404), callback, method="post")],
    "api:request-list": [
        Case(expect(200, anonymous=403)),
        Case(expect(400, anonymous=403), method="post", data={"title": ""}),
    ],
    "api:request-detail": [
        Case(expect(200, anonymous=403, resident2=404, operator=200), number(OWN)),
        Case(expect(404, anonymous=403, admin=200, resident2=200, operator=404), number(HUALIN)),
    ],
    "api:request-timeline": [Case(expect(200, anonymous=403, resident2=404, operator=200), number(OWN))],
    **{
        f"api:request-{name}": [Case(API_REFUSED, number(CLOSED), method="post")]
        for name in ("accept", "assign", "start", "resolve", "reject", "merge", "note", "supervise", "confirm", "reopen")
    },
    # moves between units on a closed request: the dispatcher is told it is not open (400), anyone else in scope
    # that their unit may not make the move (403); out of scope 404 (tests/access/writes_dispatch.py: valid ones).
    # demo_operator sees 新鸿社区's requests (403: no unit of theirs moves them) and, like staff, who co-handles them.
    "api:request-dispatch": [
        Case(expect(400, anonymous=403, worker=403, resident=404, resident2=404, operator=403), number(CLOSED), method="post")
    ],
    **{
        f"api:request-{name}": [Case(expect(403, resident=404, resident2=404, operator=403), number(CLOSED), method="post")]
        for name in ("transfer", "return", "cohandlers-end")
    },
    "api:request-cohandlers": [
        Case(expect(200, anonymous=403, resident=404, resident2=404, operator=200), number(CLOSED)),
        Case(expect(403, resident=404, resident2=404, operator=403), number(CLOSED), method="post"),
    ],
}
