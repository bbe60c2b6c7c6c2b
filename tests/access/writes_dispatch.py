"""Valid moves between units through the API (派单, 转办, 退单, 协办), sent by every persona.

The dispatcher is tree staff of the request's area; the owner of a 华林社区 greening request is its
公共环境委员会, chaired by demo_resident2, who alone (of the personas) may transfer or return it, and
with the dispatcher add or end its co-handling units."""

from . import Write
from .writes import MANAGERS, fresh_request, number


def hualin_greening(demo):
    """demo_resident2's own greening request: owned by 华林社区's 公共环境委员会, which they chair."""
    from tests.governance.requests.helpers import file_request

    return file_request(demo, resident=demo.resident2, category="greening", title="哨兵绿化诉求")


def cohandled_greening(demo):
    from governance.requests.dispatch import services

    request = hualin_greening(demo)
    services.request_cohandler_add(request=request, by=demo.admin, target=WELFARE)
    return request


WELFARE = "committee:hualin-welfare"  # another 华林社区 committee


def cohandler_rows(demo, request):
    from governance.requests.models import RequestCoHandler

    return RequestCoHandler.objects.filter(request=request)


WRITES = {
    "api:request-dispatch": [
        Write(fresh_request(), MANAGERS, kwargs=number, data=lambda d, t: {"owner": "street", "note": "街道办理"}, json=True)
    ],
    "api:request-transfer": [
        Write(hualin_greening, {"resident2"}, kwargs=number, data=lambda d, t: {"owner": "community", "reason": "非绿化"}, json=True)
    ],
    "api:request-return": [Write(hualin_greening, {"resident2"}, kwargs=number, data=lambda d, t: {"reason": "不归本委员会"}, json=True)],
    "api:request-cohandlers": [
        Write(hualin_greening, {"admin", "resident2"}, kwargs=number, data=lambda d, t: {"owner": WELFARE}, rows=cohandler_rows, json=True)
    ],
    "api:request-cohandlers-end": [
        Write(
            cohandled_greening, {"admin", "resident2"}, kwargs=number, data=lambda d, t: {"owner": WELFARE}, rows=cohandler_rows, json=True
        )
    ],
}
