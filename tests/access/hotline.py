"""Intake by telephone: the operator's pages (接线员 only: no persona of the matrix holds the role, so all get 404;
the operator's own answers and scope are tested in tests/governance/requests/test_hotline.py) and the public
tracking pages (anyone; a number opens only in a browser that proved the reporter's phone by SMS code)."""

from . import PUBLIC, Case, Listing, Write, expect
from .writes import _model

CALLER_PHONE = "13700000001"  # the demo's hotline caller (李先生, no account)
HOTLINE_TITLE = "垃圾桶满溢无人清运"
OPERATOR_ONLY = expect(404, anonymous=302)


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

LISTS = {
    "hotline:list": Listing({"hotline": lambda demo: _hotline_request(demo).number}, {}),
}

WRITES = {
    "hotline:new": [
        Write(
            _hotline_request,
            set(),
            data=lambda d, t: {
                "phone": "13612340000",
                "category": "sanitation",
                "place": "courtyard:xinhong-nanlu",
                "title": "哨兵来电",
                "text": "来电内容",
            },
            rows=_filed,
            note="only a hotline operator files (none among the personas)",
        )
    ],
}
