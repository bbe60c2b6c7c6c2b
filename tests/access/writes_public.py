"""Valid writes of request handling, the public side, reports, associations and covenants (see tests/access/__init__.py)."""

from . import Write
from .writes import EVERY_STAFF, MANAGERS, _model, fresh_request, number

SIGNED_IN = {"admin", "street", "community", "worker", "resident", "resident2", "operator"}


def _link_forms(demo, request) -> dict:
    from governance.requests.links import selectors as link_selectors

    return {
        "covenant-covenant": link_selectors.covenants_for(request=request).first().code,
        "need-committee": "xinhong-welfare",
        "need-title": "哨兵需求",
        "need-text": "几户反映同一问题",
    }


def _with_open_action(demo):
    """A fresh request, and an open follow-up action of 新鸿社区's welfare committee it may be linked to."""
    from datetime import date, datetime

    from django.utils import timezone

    from committees import services

    welfare = _model("committees.Committee").objects.get(code="xinhong-welfare")
    starts_at = timezone.make_aware(datetime(2026, 11, 20, 19, 0))
    meeting = services.meeting_schedule(committee=welfare, title="哨兵会议", starts_at=starts_at, place="新鸿活动室")
    owner = _model("committees.Membership").objects.filter(committee=welfare, ended_on__isnull=True).first()
    services.action_add(meeting=meeting, title="哨兵措施", owner=owner, due_on=date(2026, 12, 31))
    return fresh_request()(demo)


def _linked_actions(demo, request):
    return _model("requests.Request").follow_up_actions.through.objects.filter(request=request)


def _reply_due() -> str:
    from datetime import timedelta

    from django.utils import timezone

    return (timezone.localdate() + timedelta(days=3)).isoformat()


def _duplicate(demo):
    fresh_request("哨兵原诉求")(demo)
    return fresh_request("哨兵重复")(demo)


def _into(demo, request) -> dict:
    return {"into": _model("requests.Request").objects.get(title="哨兵原诉求").number}


WRITES = {
    "api:request-assign": [Write(fresh_request(), MANAGERS, kwargs=number, data=lambda d, r: {"assignee": "demo_worker"}, json=True)],
    "api:request-merge": [Write(_duplicate, MANAGERS, kwargs=number, data=_into, json=True)],
    # 督办 is the street office's (and the district's), not the community's own staff
    "api:request-supervise": [
        Write(
            fresh_request(),
            {"admin", "street"},
            kwargs=number,
            data=lambda d, r: {"note": "请三日内答复", "reply_due_on": _reply_due()},
            json=True,
        )
    ],
    "requests:bulk_assign": [
        Write(fresh_request(), MANAGERS, data=lambda d, r: {"numbers": [r.number], "assignee": "demo_worker"}),
    ],
    "requests:to_need": [Write(fresh_request(), MANAGERS, kwargs=number, data=_link_forms)],
    "requests:cite_covenant": [Write(fresh_request(), MANAGERS, kwargs=number, data=_link_forms)],
    "requests:link_action": [
        Write(
            _with_open_action,
            MANAGERS,
            kwargs=number,
            data=lambda d, r: {"follow-action": str(_model("committees.FollowUpAction").objects.get(title="哨兵措施").pk)},
            rows=_linked_actions,
        )
    ],
}


def _open311_post(demo) -> dict:
    from .open311 import _valid_post

    return _valid_post(demo)


def _subscribers_gone(demo):
    """Nobody receives 双桥子街道's monthly report yet (the seed subscribes demo_street)."""
    from governance.reports import services

    for user in (demo.admin, demo.street):
        services.subscription_set(user=user, street=demo.shuangqiaozi, subscribed=False)
    return demo.shuangqiaozi


def _followed_by_resident2(demo):
    from governance.requests.public import services as public_services

    public_services.feed_follow(user=demo.resident2, community=demo.xinhong)
    return demo.xinhong


def _failed_job(demo):
    from governance.reports.models import ReportJob
    from tests.base import report_job_of

    job = report_job_of(demo.xinhong, by=demo.community)
    ReportJob.objects.filter(pk=job.pk).update(status="failed", error="RuntimeError: 哨兵")  # as the builder records a crash
    job.refresh_from_db()
    return job


WRITES |= {
    # a civic app files with its api_key: who is signed in plays no part
    "open311:requests": [
        Write(
            lambda d: None,
            {"anonymous", *SIGNED_IN},
            kwargs=lambda d, t: {"fmt": "json"},
            data=lambda d, t: _open311_post(d),
            rows=lambda d, t: _model("requests.Request").objects.filter(text="夜间广场舞噪音"),
        )
    ],
    "public_requests:support": [
        Write(
            fresh_request(),
            SIGNED_IN,
            kwargs=number,
            rows=lambda d, r: _model("requests.Support").objects.filter(request=r),
            note="an open public request of resident_03: anyone signed in may +1 it",
        )
    ],
    "public_requests:unfollow": [
        Write(
            _followed_by_resident2,
            {"resident2"},
            kwargs=lambda d, c: {"code": c.code},
            rows=lambda d, c: _model("requests.FeedFollow").objects.filter(community=c),
            note="an unfollow touches only one's own follow",
        )
    ],
    "reports:job_retry": [Write(_failed_job, EVERY_STAFF, kwargs=lambda d, j: {"pk": j.pk})],
    "api:report-job-retry": [Write(_failed_job, EVERY_STAFF, kwargs=lambda d, j: {"pk": j.pk}, json=True)],
    "reports:subscription": [
        Write(
            _subscribers_gone,
            {"admin", "street"},
            kwargs=lambda d, s: {"code": s.code},
            data=lambda d, s: {"subscribe": "1"},
            rows=lambda d, s: _model("reports.ReportSubscription").objects.filter(street=s),
        )
    ],
}


def _residents(demo):
    return _model("associations.Association").objects.get(code="xinhong-residents")


def _memberships(demo, association):
    return _model("associations.AssociationMembership").objects.filter(association=association)


def _hospital_pledge(demo):
    """The hospital's pledge, and a need of its street the pledge is not matched to yet."""
    from committees import services

    pledge = _model("associations.Pledge").objects.filter(enterprise__code="jianshelu-hospital-6").first()
    jiangong = _model("courtyards.Community").objects.get(code="jiangong")  # 建设路街道's: the seed has no body there
    body = services.committee_create(place=jiangong, name="哨兵议事会", kind="council")
    services.need_open(raised_by=demo.admin, committee=body, title="哨兵需求", description="需要义诊")
    return pledge


def _need_of_pledge_street(demo, pledge) -> dict:
    return {"need": _model("committees.Need").objects.get(title="哨兵需求").code}


def _mahjong(demo):
    return _model("courtyards.Covenant").objects.get(code="xinhong-mahjong")


def _new_covenant(demo):
    """A covenant of 新鸿社区 no household has endorsed yet (demo_resident's signed the seeded one)."""
    from datetime import date

    from courtyards import services

    return services.covenant_create(
        place=demo.xinhong,
        code="sentinel-covenant",
        kind="covenant",
        title="哨兵公约",
        text="哨兵条款",
        adopted_on=date(2026, 1, 5),
        method="assembly",
    )


def _endorsements(demo, covenant):
    return _model("courtyards.CovenantEndorsement").objects.filter(covenant=covenant)


WRITES |= {
    "associations:leave": [
        Write(_residents, {"resident"}, kwargs=lambda d, a: {"code": a.code}, rows=_memberships, note="demo_resident leads it, and leaves")
    ],
    # staff of the community appoint leaders; the leader does not appoint others
    "associations:leader": [
        Write(
            _residents,
            MANAGERS,
            kwargs=lambda d, a: {"code": a.code},
            data=lambda d, a: {"phone": _model("accounts.User").objects.get(username="resident_03").phone},
            rows=_memberships,
        )
    ],
    "associations:pledge_match": [
        Write(
            _hospital_pledge,
            {"admin"},
            kwargs=lambda d, p: {"pk": p.pk},
            data=_need_of_pledge_street,
            rows=lambda d, p: _model("associations.Pledge").needs.through.objects.filter(pledge=p),
        )
    ],
    "courtyards:covenant_endorse": [
        Write(_new_covenant, {"resident"}, kwargs=lambda d, c: {"code": c.code}, rows=_endorsements, note="only a household of its place")
    ],
    "courtyards:covenant_endorse_record": [
        Write(
            _mahjong,
            MANAGERS,
            kwargs=lambda d, c: {"code": c.code},
            data=lambda d, c: {"unit": "xinhong-nanlu-b2-u2", "room": "909"},
            rows=_endorsements,
        )
    ],
    "courtyards:covenant_version_add": [
        Write(
            _mahjong,
            MANAGERS,
            kwargs=lambda d, c: {"code": c.code},
            data=lambda d, c: {
                "text": "哨兵新文本",
                "adopted_on": "2026-06-01",
                "method": "assembly",
                "votes_for": 40,
                "votes_against": 2,
                "votes_abstaining": 1,
            },
            rows=lambda d, c: _model("courtyards.CovenantVersion").objects.filter(covenant=c),
        )
    ],
}
