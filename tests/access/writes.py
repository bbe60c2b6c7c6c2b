"""Valid writes through pages and the API, sent by every persona (see tests/access/__init__.py)."""

from . import Write

EVERY_STAFF = {"admin", "street", "community", "worker"}
MANAGERS = {"admin", "street", "community"}


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


def fresh_request(title: str = "哨兵诉求", resident: str = "resident_03"):
    """A new request of 新鸿社区 by a resident who is no persona, through the real submission service."""

    def make(demo):
        from governance.accounts.models import User
        from tests.base import make_category, make_request

        return make_request(resident=User.objects.get(username=resident), category=make_category(), title=title)

    return make


def resolved_request_of(username: str):
    def make(demo):
        from governance.requests import services

        request = fresh_request(resident=username)(demo)
        services.request_accept(request=request, by=demo.admin)
        services.request_start(request=request, by=demo.admin)
        return services.request_resolve(request=request, by=demo.admin, note="已处理")

    return make


def new_requests(title: str):
    return lambda demo, target: _model("requests.Request").objects.filter(title=title)


def number(demo, request) -> dict:
    return {"number": request.number}


def pending_claim(demo):
    return demo.pending_claim()


def xinhong_need(demo):
    from committees import services
    from governance.accounts.models import User

    return services.need_raise(user=User.objects.get(username="resident_03"), title="哨兵需求", description="增设座椅")


WRITES = {
    # a resident files a request about their own home; staff have none, and are refused
    "api:request-list": [
        Write(
            lambda d: None,
            {"resident", "resident2"},
            data=lambda d, t: {"category": "noise", "title": "哨兵诉求", "text": "楼道灯坏了。"},
            rows=new_requests("哨兵诉求"),
            json=True,
        ),
        Write(
            lambda d: None,
            {"resident2"},
            data=lambda d, t: {"category": "noise", "title": "别处诉求", "text": "x", "place": "hualin-a-b1-u1"},
            rows=new_requests("别处诉求"),
            json=True,
            note="a request on demo_resident2's unit in 圣灯街道: only who lives there may file it",
        ),
    ],
    "api:request-accept": [Write(fresh_request(), MANAGERS, kwargs=number, json=True)],
    "api:request-note": [
        Write(
            fresh_request(),
            MANAGERS,  # notes are for who handles the request; a social worker does not
            kwargs=number,
            data=lambda d, t: {"note": "已电话联系"},
            rows=lambda d, r: _model("requests.TimelineEvent").objects.filter(request=r),
            json=True,
        )
    ],
    "api:request-confirm": [
        Write(resolved_request_of("demo_resident"), {"resident"}, kwargs=number, data=lambda d, t: {"rating": 5}, json=True)
    ],
    "requests:staff_act": [Write(fresh_request(), MANAGERS, kwargs=number, data=lambda d, t: {"action": "accept"})],
    "requests:confirm": [Write(resolved_request_of("demo_resident"), {"resident"}, kwargs=number, data=lambda d, t: {"rating": "5"})],
    "courtyards:claim_verify": [Write(pending_claim, MANAGERS, kwargs=lambda d, c: {"code": c.code})],
    "courtyards:claim_decline": [
        Write(pending_claim, MANAGERS, kwargs=lambda d, c: {"code": c.code}, data=lambda d, c: {"decline_reason": "地址不符"})
    ],
    "api:need-support": [
        Write(
            xinhong_need,
            {"resident"},
            kwargs=lambda d, n: {"code": n.code},
            rows=lambda d, n: _model("committees.NeedSupport").objects.filter(need=n),
            json=True,
            note="only residents of the need's community support it",
        )
    ],
    "notifications:read": [
        Write(lambda d: d.delivered_notification(d.resident), {"resident"}, kwargs=lambda d, n: {"pk": n.pk}),
    ],
}


def _association(code: str):
    return lambda demo: _model("associations.Association").objects.get(code=code)


def _memberships(demo, association):
    return _model("associations.AssociationMembership").objects.filter(association=association)


def _application(demo):
    return _model("associations.AssociationMembership").objects.get(association__code="xinhong-governance", status="pending")


def _unread(demo):
    return demo.delivered_notification(demo.resident)


# anyone signed in may ask to join; demo_resident leads it already and is told so
APPLICANTS = {"admin", "street", "community", "worker", "resident2", "operator"}

WRITES |= {
    "associations:apply": [Write(_association("xinhong-residents"), APPLICANTS, kwargs=lambda d, a: {"code": a.code}, rows=_memberships)],
    "api:association-apply": [
        Write(_association("xinhong-residents"), APPLICANTS, kwargs=lambda d, a: {"code": a.code}, rows=_memberships, json=True)
    ],
    "associations:approve": [Write(_application, MANAGERS, kwargs=lambda d, m: {"pk": m.pk})],
    "associations:decline": [Write(_application, MANAGERS, kwargs=lambda d, m: {"pk": m.pk})],
    "reports:job_create": [
        Write(
            lambda d: d.xinhong,
            EVERY_STAFF,
            kwargs=lambda d, c: {"level": "community", "code": c.code},
            data=lambda d, c: {"period_kind": "monthly", "start": "2026-03-01"},
            rows=lambda d, c: _model("reports.ReportJob").objects.filter(community=c),
        )
    ],
    "notifications:read_all": [Write(_unread, {"resident"})],
    "public_requests:follow": [
        Write(
            lambda d: d.xinhong,
            {"admin", "street", "community", "worker", "resident", "resident2", "operator"},
            kwargs=lambda d, c: {"code": c.code},
            rows=lambda d, c: _model("requests.FeedFollow").objects.filter(community=c),
        )
    ],
}


def accepted_request(demo):
    from governance.requests import services

    return services.request_accept(request=fresh_request()(demo), by=demo.admin)


def started_request(demo):
    from governance.requests import services

    return services.request_start(request=accepted_request(demo), by=demo.admin)


def _callback(demo):
    return _model("requests.Callback").objects.get(request__title="单元门禁损坏")


def _xinhong_jobs(demo, target):
    return _model("reports.ReportJob").objects.filter(community=demo.xinhong)


WRITES |= {
    "api:request-start": [Write(accepted_request, MANAGERS, kwargs=number, json=True)],
    "api:request-resolve": [Write(started_request, MANAGERS, kwargs=number, data=lambda d, t: {"note": "已修好"}, json=True)],
    "api:request-reject": [Write(fresh_request(), MANAGERS, kwargs=number, data=lambda d, t: {"note": "不属于社区事务"}, json=True)],
    "api:request-reopen": [
        Write(resolved_request_of("demo_resident"), {"resident"}, kwargs=number, data=lambda d, t: {"reason": "灯又坏了"}, json=True)
    ],
    "requests:reopen": [Write(resolved_request_of("demo_resident"), {"resident"}, kwargs=number, data=lambda d, t: {"reason": "灯又坏了"})],
    "requests:callback_done": [
        Write(
            _callback,
            MANAGERS,
            kwargs=lambda d, c: {"pk": c.pk},
            data=lambda d, c: {"reached": "yes", "satisfaction": "satisfied", "note": "居民表示理解"},
        )
    ],
    "api:report-job-list": [
        Write(
            lambda d: None,
            EVERY_STAFF,
            data=lambda d, t: {"level": "community", "code": "xinhong", "period_kind": "monthly", "start": "2026-03-01"},
            rows=_xinhong_jobs,
            json=True,
        )
    ],
}


def _upcoming(demo):
    from .activities import upcoming

    return upcoming()


WRITES |= {
    "committees:need_support": [
        Write(
            xinhong_need,
            {"resident"},
            kwargs=lambda d, n: {"code": n.code},
            rows=lambda d, n: _model("committees.NeedSupport").objects.filter(need=n),
            note="only residents of the need's community support it",
        )
    ],
    "activities:signup": [
        Write(
            _upcoming,
            {"admin", "street", "community", "worker", "resident", "resident2", "operator"},
            kwargs=lambda d, a: {"code": a.code},
            rows=lambda d, a: _model("activities.Signup").objects.filter(activity=a),
            note="a public activity: anyone signed in may sign up",
        )
    ],
}


# 华林社区's public environment committee is run by demo_admin and, through a guardian grant, by its chair demo_resident2.
HUALIN_RUNNERS = {"admin", "resident2"}


def _hualin_committee(demo):
    return _model("committees.Committee").objects.get(code="hualin-public-environment")


def _held_meeting(demo):
    return _model("committees.Meeting").objects.filter(committee__code="hualin-public-environment").first()


WRITES |= {
    "committees:meeting_schedule": [
        Write(
            _hualin_committee,
            HUALIN_RUNNERS,
            kwargs=lambda d, c: {"code": c.code},
            data=lambda d, c: {"title": "哨兵会议", "starts_at": "2027-01-15T19:00", "place": "华林活动室"},
            rows=lambda d, c: _model("committees.Meeting").objects.filter(committee=c),
        )
    ],
    "committees:agenda_add": [
        Write(
            _held_meeting,
            HUALIN_RUNNERS,
            kwargs=lambda d, m: {"code": m.code},
            data=lambda d, m: {"title": "哨兵议题"},
            rows=lambda d, m: _model("committees.AgendaItem").objects.filter(meeting=m),
        )
    ],
    "committees:minutes": [
        Write(_held_meeting, HUALIN_RUNNERS, kwargs=lambda d, m: {"code": m.code}, data=lambda d, m: {"minutes": "哨兵纪要：通过。"})
    ],
}


def _family(demo):
    from .activities import family

    return family()


WRITES |= {
    # a case file is written by who manages the case: its assigned worker (demo_worker); a view grant is not enough
    "activities:family_note": [
        Write(
            _family,
            {"worker"},
            kwargs=lambda d, f: {"code": f.code},
            data=lambda d, f: {"text": "哨兵回访"},
            rows=lambda d, f: _model("activities.CaseNote").objects.filter(family=f),
        )
    ],
    "activities:family_help": [
        Write(
            _family,
            {"worker"},
            kwargs=lambda d, f: {"code": f.code},
            data=lambda d, f: {"description": "送药", "given_on": "2026-01-05"},
            rows=lambda d, f: _model("activities.HelpRecord").objects.filter(family=f),
        )
    ],
}


WRITES["associations:review"] = [
    Write(
        _association("xinhong-residents"),
        MANAGERS,
        kwargs=lambda d, a: {"code": a.code},
        data=lambda d, a: {"year": 2025, "status": "passed"},
        rows=lambda d, a: _model("associations.SupervisionReview").objects.filter(association=a),
        note="the yearly review is staff's, not the leader's",
    )
]
