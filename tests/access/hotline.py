"""Intake by telephone: the operator's pages (接线员 only: demo_operator, of 双桥子街道; everyone else gets 404;
more of the operator's answers are in tests/governance/requests/test_hotline.py) and the public tracking pages
(anyone; a number opens only in a browser that proved the reporter's phone by SMS code)."""

from . import PUBLIC, Case, Listing, Write, expect
from .writes import _model

CALLER_PHONE = "13700000001"  # the demo's hotline caller (李先生, no account)
HOTLINE_TITLE = "垃圾桶满溢无人清运"
OPERATOR_ONLY = expect(404, anonymous=302, operator=200)


def hotline_number(demo=None) -> dict:
    return {"number": _model("requests.Request").objects.get(title=HOTLINE_TITLE).number}


def _hotline_request(demo):
    return _model("requests.Request").objects.get(title=HOTLINE_TITLE)


def _filed(demo, target):
    return _model("requests.Request").objects.filter(title="哨兵来电")


ROUTES = {
    "hotline:list": [Case(OPERATOR_ONLY)],
    "hotline:new": [Case(OPERATOR_ONLY), Case(OPERATOR_ONLY, method="post", data={"phone": CALLER_PHONE})],
    # Like registration's code steps: GET rows only; sending and checking codes is tested in test_hotline.py
    # (one code per phone a minute and per address an hour: a write repeated per persona would meet the limits).
    "hotline:track": [Case(PUBLIC)],
    "hotline:track_code": [Case(expect(302), note="without a number pending in the session it goes back to step one")],
    "hotline:tracked": [Case(expect(302), hotline_number, note="only after the SMS code, in that browser")],
}


def _hotline_outside(demo) -> str:
    """A call filed in 华林社区 (圣灯街道): outside demo_operator's street."""
    from courtyards.models import Courtyard
    from governance.requests import services
    from governance.requests.choices import Source

    found = _model("requests.Request").objects.filter(title="圣灯来电哨兵").first()
    if found is None:
        caller = _model("requests.Caller").objects.create(district=demo.district, phone="13700000099", name="赵女士")
        found = services.request_submit(
            resident=None,
            caller=caller,
            category=_model("requests.Category").objects.get(code="sanitation"),
            place=Courtyard.objects.filter(community__code="hualin").order_by("pk").first(),
            title="圣灯来电哨兵",
            text="来电内容",
            public=False,
            source=Source.HOTLINE,
        )
    return found.number


LISTS = {
    "hotline:list": Listing({"inside": lambda demo: _hotline_request(demo).number, "outside": _hotline_outside}, {"operator": {"inside"}}),
}

WRITES = {
    "hotline:new": [
        Write(
            _hotline_request,
            {"operator"},
            data=lambda d, t: {
                "phone": "13612340000",
                "category": "sanitation",
                "place": "courtyard:xinhong-nanlu",
                "title": "哨兵来电",
                "text": "来电内容",
            },
            rows=_filed,
            note="only a hotline operator files, at a place of their street",
        )
    ],
}
