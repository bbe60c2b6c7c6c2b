"""督办 and 回访 pages: who may issue and answer a supervision, who sees the list of supervisions."""

from . import STAFF, Case, Listing, Write, expect
from .requests import HUALIN, OWN, number
from .sentinels import INSIDE, OUTSIDE, staff_sees
from .writes import MANAGERS, fresh_request


def _due():
    from datetime import timedelta

    from django.utils import timezone

    return (timezone.localdate() + timedelta(days=3)).isoformat()


def supervision_on(title: str, by: str = "demo_street"):
    """A 督办 awaiting its reply on the seeded request with this title (made once)."""

    def make(demo):
        from datetime import date

        from governance.accounts.models import User
        from governance.requests.models import Request, Supervision
        from governance.requests.oversight import services

        request = Request.objects.get(title=title)
        existing = Supervision.objects.filter(request=request).first()
        return existing or services.supervision_issue(
            request=request, by=User.objects.get(username=by), instruction="请答复", reply_due_on=date.fromisoformat(_due())
        )

    return make


def supervision_pk(title: str, by: str = "demo_street"):
    return lambda demo: {"pk": supervision_on(title, by)(demo).pk}


def _number_of(title: str, by: str):
    return lambda demo: supervision_on(title, by)(demo).request.number


def _fresh_supervision(demo):
    from datetime import date

    from governance.requests.oversight import services

    request = fresh_request("哨兵督办")(demo)
    return services.supervision_issue(request=request, by=demo.street, instruction="请答复", reply_due_on=date.fromisoformat(_due()))


def _supervisions(demo, request):
    from governance.requests.models import Supervision

    return Supervision.objects.filter(request=request)


ROUTES = {
    "requests:supervise": [
        Case(expect(302, resident=404, resident2=404), number(OWN), method="post", note="refused without a date: a message"),
        Case(expect(404, anonymous=302, admin=302), number(HUALIN), method="post"),
    ],
    "requests:supervision_list": [Case(STAFF), Case(STAFF, query="overdue=true&page=x")],
    "requests:supervision_reply": [
        Case(expect(302, resident=404, resident2=404), supervision_pk(OWN), method="post"),
        Case(expect(404, anonymous=302, admin=302), supervision_pk(HUALIN, "demo_admin"), method="post"),
    ],
}

LISTS = {
    "requests:supervision_list": Listing(
        {INSIDE: _number_of(OWN, "demo_street"), OUTSIDE: _number_of(HUALIN, "demo_admin")}, staff_sees({INSIDE: None, OUTSIDE: None})
    ),
}

WRITES = {
    # 督办 is the street office's (and the district's); the community's own staff are refused
    "requests:supervise": [
        Write(
            fresh_request(),
            {"admin", "street"},
            kwargs=lambda d, r: {"number": r.number},
            data=lambda d, r: {"instruction": "请三日内答复", "reply_due_on": _due()},
            rows=_supervisions,
        )
    ],
    # the owner answers: those who may handle the request
    "requests:supervision_reply": [
        Write(_fresh_supervision, MANAGERS, kwargs=lambda d, s: {"pk": s.pk}, data=lambda d, s: {"reply": "已安排处理"})
    ],
}
