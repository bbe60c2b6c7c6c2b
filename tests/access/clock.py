"""The clock's routes: 延期申请 (asked by who handles the request, decided by the level above its owner) and
挂起 / 恢复 through the API. The seeded 新鸿社区 requests of resident_03 are owned by 新鸿南路's self-governance
group, so 新鸿社区's staff (demo_community) decide their extensions; no persona decides 华林社区's."""

from . import STAFF, Case, Listing, Write, expect
from .requests import API_REFUSED, CLOSED, HUALIN, OWN, number
from .writes import MANAGERS, _model, fresh_request
from .writes import number as number_of


def extension_on(title: str | None = None, *, by: str = "demo_community", resident: str = "resident_03"):
    """A pending extension on the seeded request with `title` (or on a fresh request of `resident`)."""

    def make(demo):
        from governance.accounts.models import User
        from governance.requests.clock import extensions

        request = _model("requests.Request").objects.get(title=title) if title else fresh_request("哨兵延期", resident)(demo)
        pending = request.extensions.filter(status="pending").first()
        return pending or extensions.extension_request(request=request, by=User.objects.get(username=by), reason="等配件", hours=24)

    return make


def extension_pk(title: str, by: str = "demo_community"):
    return lambda demo: {"pk": extension_on(title, by=by)(demo).pk}


def _paused(demo):
    from governance.requests.clock import services

    request = fresh_request("哨兵挂起")(demo)
    services.request_pause(request=request, by=demo.community, reason="等居民回复")
    return request


def _extensions(demo, request):
    return _model("requests.RequestExtension").objects.filter(request=request)


def _pauses(demo, request):
    return _model("requests.RequestPause").objects.filter(request=request)


def _decision(status: str = "approve"):
    return lambda demo, extension: {"decision": status, "note": "同意"}


HANDLER_POST = expect(302, resident=404, resident2=404)  # an empty form: a message, nothing changes
EXTENSION_DECIDER_POST = expect(302, worker=404, resident=404, resident2=404)

ROUTES = {
    "requests:extension_ask": [
        Case(HANDLER_POST, number(OWN), method="post"),
        # 华林社区's greening request is owned by its committee, which demo_resident2 chairs
        Case(expect(404, anonymous=302, admin=302, resident2=302, operator=404), number(HUALIN), method="post"),
    ],
    "requests:extension_list": [Case(STAFF), Case(STAFF, query="page=x")],
    "requests:extension_decide": [
        Case(EXTENSION_DECIDER_POST, extension_pk(OWN), method="post"),
        Case(expect(404, anonymous=302, admin=302), extension_pk(HUALIN, "demo_admin"), method="post"),  # a chair has no staff pages
    ],
    **{f"api:request-{name}": [Case(API_REFUSED, number(CLOSED), method="post")] for name in ("pause", "resume", "extensions")},
    "api:extension-decision": [
        Case(expect(400, anonymous=403, worker=404, resident=404, resident2=404), extension_pk(OWN), method="post"),
        Case(expect(404, anonymous=403, admin=400, resident2=400, operator=404), extension_pk(HUALIN, "demo_admin"), method="post"),
    ],
}

LISTS = {
    "requests:extension_list": Listing(
        {
            "inside": lambda demo: extension_on()(demo).request.number,
            "outside": lambda demo: extension_on(by="demo_admin", resident="demo_resident2")(demo).request.number,
        },
        {"admin": set(), "street": set(), "community": {"inside"}, "worker": set()},
    ),
}

WRITES = {
    # who handles the request asks; the tree's staff of 新鸿社区 and above may handle a courtyard group's request
    "requests:extension_ask": [
        Write(fresh_request(), MANAGERS, kwargs=number_of, data=lambda d, r: {"reason": "等配件", "days": "2"}, rows=_extensions)
    ],
    "api:request-extensions": [
        Write(fresh_request(), MANAGERS, kwargs=number_of, data=lambda d, r: {"reason": "等配件", "days": 2}, rows=_extensions, json=True)
    ],
    # only the level above the owner decides: for 新鸿南路's group, 新鸿社区's staff
    "requests:extension_decide": [Write(extension_on(), {"community"}, kwargs=lambda d, e: {"pk": e.pk}, data=_decision())],
    "api:extension-decision": [Write(extension_on(), {"community"}, kwargs=lambda d, e: {"pk": e.pk}, data=_decision("refuse"), json=True)],
    "api:request-pause": [
        Write(fresh_request(), MANAGERS, kwargs=number_of, data=lambda d, r: {"note": "等居民回复"}, rows=_pauses, json=True)
    ],
    "api:request-resume": [Write(_paused, MANAGERS, kwargs=number_of, rows=_pauses, json=True)],
}
