"""Valid writes of field work and of the bodies' cycle: activities, case files, committees (see tests/access/__init__.py)."""

from . import Write
from .writes import HUALIN_RUNNERS, MANAGERS, _hualin_committee, _model, xinhong_need

SIGNED_IN = {"admin", "street", "community", "worker", "resident", "resident2", "operator"}


def _user(username: str):
    from governance.accounts.models import User

    return User.objects.get(username=username)


def _activity(demo):
    from .activities import xinhong_activity

    return xinhong_activity()


def _upcoming(demo):
    from .activities import upcoming

    return upcoming()


def _family(demo):
    from .activities import family

    return family()


def _photos(demo, activity):
    return _model("activities.ActivityPhoto").objects.filter(activity=activity)


def _photo(demo, activity) -> dict:
    from tests.governance.activities.helpers import png_upload

    return {"photo": png_upload()}


def _pending_hours(demo):
    """Hours reported by a volunteer who is no persona, on the activity the matrix decides on."""
    from governance.activities import services

    activity = _model("activities.VolunteerHours").objects.order_by("pk").first().activity
    return services.volunteer_hours_report(activity=activity, volunteer=_user("resident_09"), hours="2")


def _signed_up_resident(demo):
    """demo_resident's place on the upcoming activity: only they may give it up."""
    from governance.activities import services

    activity = _upcoming(demo)
    services.signup_create(activity=activity, user=demo.resident)
    return activity


def _family_grants(demo, family):
    from django.contrib.contenttypes.models import ContentType
    from guardian.models import UserObjectPermission

    return UserObjectPermission.objects.filter(content_type=ContentType.objects.get_for_model(family), object_pk=str(family.pk))


WRITES = {
    # a photo is added by who may edit the activity: staff and workers of its place
    "activities:photo_upload": [
        Write(_activity, {"admin", "street", "community", "worker"}, kwargs=lambda d, a: {"code": a.code}, data=_photo, rows=_photos)
    ],
    # staff and workers of the place, and demo_resident, who leads the organising association
    "activities:hours_decide": [
        Write(
            _pending_hours,
            {"admin", "street", "community", "worker", "resident"},
            kwargs=lambda d, h: {"code": h.activity.code, "hours_id": h.pk},
            data=lambda d, h: {"decision": "approve"},
        )
    ],
    "activities:hours_report": [
        Write(
            _activity,
            SIGNED_IN,
            kwargs=lambda d, a: {"code": a.code},
            data=lambda d, a: {"hours": "2"},
            rows=lambda d, a: _model("activities.VolunteerHours").objects.filter(activity=a),
            note="each volunteer reports their own hours",
        )
    ],
    "activities:signup_cancel": [
        Write(
            _signed_up_resident,
            {"resident"},
            kwargs=lambda d, a: {"code": a.code},
            rows=lambda d, a: _model("activities.Signup").objects.filter(activity=a),
            note="a cancel touches only one's own sign-up",
        )
    ],
    # only the case's manager (its assigned worker) opens the file to a colleague
    "activities:family_grant": [
        Write(_family, {"worker"}, kwargs=lambda d, f: {"code": f.code}, data=lambda d, f: {"staff": "demo_street"}, rows=_family_grants)
    ],
}


def _present_all(meeting):
    from committees import services

    services.attendance_record(meeting=meeting, present_ids={m.pk for m in services.meeting_members(meeting)})
    return meeting


def _quorate_meeting(demo):
    """A fresh meeting of 华林社区's environment committee with all its members present."""
    return _present_all(_fresh_meeting(demo))


def _hualin_code(demo, committee) -> dict:
    return {"code": committee.code}


def _fresh_meeting(demo):
    """A meeting of 华林社区's environment committee with nothing recorded yet."""
    from datetime import datetime

    from django.utils import timezone

    from committees import services

    starts_at = timezone.make_aware(datetime(2026, 11, 20, 19, 0))
    return services.meeting_schedule(committee=_hualin_committee(demo), title="哨兵会议", starts_at=starts_at, place="华林活动室")


def _members(committee):
    return _model("committees.Membership").objects.filter(committee=committee, ended_on__isnull=True).order_by("pk")


def _open_action(demo):
    from datetime import date

    from committees import services

    meeting = _fresh_meeting(demo)
    return services.action_add(meeting=meeting, title="哨兵措施", owner=_members(meeting.committee).first(), due_on=date(2026, 12, 31))


def _member(demo):
    return _model("committees.Membership").objects.get(committee__code="hualin-public-environment", user__username="resident_08")


def _decided_need(demo):
    """A need of 新鸿社区 adopted at a meeting of 新鸿社区's welfare committee: staff may now carry it out."""
    from datetime import datetime

    from django.utils import timezone

    from committees import services

    need = xinhong_need(demo)
    welfare = _model("committees.Committee").objects.get(code="xinhong-welfare")
    starts_at = timezone.make_aware(datetime(2026, 11, 20, 19, 0))
    meeting = _present_all(services.meeting_schedule(committee=welfare, title="哨兵会议", starts_at=starts_at, place="新鸿活动室"))
    services.decision_record(
        meeting=meeting, motion="增设座椅", votes_for=1, votes_against=0, votes_abstaining=0, outcome="adopted", need=need
    )
    need.refresh_from_db()
    return need


def _of_meeting(label: str):
    return lambda d, m: _model(label).objects.filter(meeting=m)


WRITES |= {
    "committees:edit": [
        Write(
            _hualin_committee,
            HUALIN_RUNNERS,
            kwargs=_hualin_code,
            data=lambda d, c: {"name": c.name, "description": "哨兵说明", "is_active": "on"},
        )
    ],
    "committees:appoint": [
        Write(
            _hualin_committee,
            HUALIN_RUNNERS,
            kwargs=_hualin_code,
            data=lambda d, c: {"phone": _user("resident_03").phone, "role": "member", "started_on": "2026-01-01"},
            rows=lambda d, c: _model("committees.Membership").objects.filter(committee=c),
        )
    ],
    "committees:membership_end": [Write(_member, HUALIN_RUNNERS, kwargs=lambda d, m: {"pk": m.pk})],
    "committees:attendance": [
        Write(
            _fresh_meeting,
            HUALIN_RUNNERS,
            kwargs=lambda d, m: {"code": m.code},
            data=lambda d, m: {"present": [str(_members(m.committee).first().pk)]},
            rows=_of_meeting("committees.Attendance"),
        )
    ],
    "committees:decision": [
        Write(
            _quorate_meeting,
            HUALIN_RUNNERS,
            kwargs=lambda d, m: {"code": m.code},
            data=lambda d, m: {"motion": "哨兵动议", "votes_for": 2, "votes_against": 1, "votes_abstaining": 0, "outcome": "adopted"},
            rows=_of_meeting("committees.Decision"),
        )
    ],
    "api:meeting-decisions": [
        Write(
            _quorate_meeting,
            HUALIN_RUNNERS,
            kwargs=lambda d, m: {"code": m.code},
            data=lambda d, m: {"motion": "哨兵动议", "votes_for": 2, "votes_against": 1, "votes_abstaining": 0},
            rows=_of_meeting("committees.Decision"),
            json=True,
        )
    ],
    "committees:action_add": [
        Write(
            _fresh_meeting,
            HUALIN_RUNNERS,
            kwargs=lambda d, m: {"code": m.code},
            data=lambda d, m: {"title": "哨兵措施", "owner": str(_members(m.committee).first().pk), "due_on": "2026-12-31"},
            rows=_of_meeting("committees.FollowUpAction"),
        )
    ],
    "committees:action_done": [Write(_open_action, HUALIN_RUNNERS, kwargs=lambda d, a: {"pk": a.pk})],
    "committees:need_status": [Write(_decided_need, MANAGERS, kwargs=lambda d, n: {"code": n.code}, data=lambda d, n: {"status": "done"})],
}
