from governance.activities.models import Activity, ActivityType, Organiser, Project, ServiceStation, SpecialFamily, VolunteerHours

from . import PUBLIC, SIGNED_IN, STAFF, Case, expect
from .admin import ALL, MANAGERS, _changelist, object_cases, staff

API_STAFF = expect(200, anonymous=403)
IN_XINHONG = expect(200, anonymous=403, resident=404, resident2=404)
OUT_OF_SCOPE = expect(404, anonymous=302, admin=200)
CASE_FILE = expect(404, anonymous=302, worker=200, community=200)
POSTED = expect(302, resident=404, resident2=404)


def xinhong_activity(d=None) -> Activity:
    return Activity.objects.filter(community__code="xinhong", capacity__isnull=True).order_by("pk").first()


def hualin_activity(d=None) -> Activity:
    return Activity.objects.filter(community__code="hualin").order_by("pk").first()


def upcoming(d=None) -> Activity:
    return Activity.objects.filter(community__code="xinhong", capacity__isnull=False).order_by("pk").first()


def family(d=None) -> SpecialFamily:
    return SpecialFamily.objects.order_by("pk").first()


def photo_of_xinhong_activity(d):
    from governance.activities import services
    from tests.governance.activities.helpers import png_upload

    activity = xinhong_activity()
    return {"code": activity.code, "photo_code": services.photo_add(activity=activity, by=d.worker, upload=png_upload()).code}


def _hours_kwargs() -> dict:
    entry = VolunteerHours.objects.select_related("activity").order_by("pk").first()
    return {"code": entry.activity.code, "hours_id": entry.pk}


def code(get):
    return lambda d: {"code": get(d).code}


ROUTES = {
    "activities:public_detail": [Case(PUBLIC, code(upcoming))],
    "activities:signup": [Case(expect(302), code(upcoming), method="post")],
    "activities:signup_cancel": [Case(expect(302), code(upcoming), method="post")],
    "activities:hours_report": [Case(expect(302), code(xinhong_activity), method="post", data={"hours": "2"})],
    "activities:mine": [Case(SIGNED_IN)],
    "activities:certificate": [Case(expect(302, resident=200), note="a certificate once some hours are approved")],
    "activities:list": [Case(STAFF)],
    "activities:log": [Case(STAFF)],
    "activities:detail": [Case(STAFF, code(xinhong_activity)), Case(OUT_OF_SCOPE, code(hualin_activity))],
    "activities:edit": [Case(STAFF, code(xinhong_activity)), Case(OUT_OF_SCOPE, code(hualin_activity))],
    "activities:photo_upload": [
        Case(POSTED, code(xinhong_activity), method="post"),
        Case(expect(404, anonymous=302, admin=302), code(hualin_activity), method="post"),
    ],
    "activities:photo": [Case(STAFF, photo_of_xinhong_activity)],
    "activities:hours_decide": [
        Case(
            expect(302, resident2=404),
            lambda d: _hours_kwargs(),
            method="post",
            note="already approved: a message, nothing changes; demo_resident leads the organising association",
        ),
    ],
    "activities:hours_queue": [
        Case(expect(200, anonymous=302, resident2=404), note="demo_resident leads an association that organised activities")
    ],
    "activities:family_list": [Case(STAFF)],
    "activities:family_detail": [Case(CASE_FILE, code(family))],
    "activities:family_create": [Case(STAFF)],
    "activities:family_grant": [Case(expect(404, anonymous=302, worker=302), code(family), method="post", data={"staff": "demo_street"})],
    "activities:family_note": [Case(expect(404, anonymous=302, worker=302), code(family), method="post", data={"text": "回访"})],
    "activities:family_help": [
        Case(expect(404, anonymous=302, worker=302), code(family), method="post", data={"description": "送药", "given_on": "2026-01-05"})
    ],
    "activities:project_list": [Case(STAFF)],
    "activities:project_detail": [Case(STAFF, code(lambda d: Project.objects.get(code="xinhong-venture-2026")))],
    "api:activity-list": [Case(API_STAFF)],
    "api:activity-detail": [Case(IN_XINHONG, code(xinhong_activity)), Case(expect(404, anonymous=403, admin=200), code(hualin_activity))],
    "api:project-list": [Case(API_STAFF)],
    "api:project-detail": [Case(IN_XINHONG, {"code": "xinhong-venture-2026"})],
    "api:specialfamily-list": [Case(API_STAFF)],
    "api:specialfamily-detail": [Case(expect(404, anonymous=403, worker=200, community=200), code(family))],
    "api:activity-totals": [
        Case(IN_XINHONG, query="node=xinhong"),
        Case(expect(404, anonymous=403, admin=200), query="node=hualin"),
        Case(expect(404, anonymous=403), query="node=no-such-place"),
    ],
}

MODELS = {
    "activities.activitytype": (lambda d: ActivityType.objects.get(code="clinic"), ALL, {"admin"}, {"admin"}),
    "activities.organiser": (lambda d: Organiser.objects.filter(community__code="xinhong").first(), ALL, MANAGERS, MANAGERS),
    "activities.servicestation": (lambda d: ServiceStation.objects.get(code="xinhong-station"), ALL, MANAGERS, MANAGERS),
    "activities.project": (lambda d: Project.objects.get(code="xinhong-venture-2026"), ALL, MANAGERS, MANAGERS),
    "activities.activity": (xinhong_activity, ALL, set(), set()),
}

for label, (obj, view, manage, add) in MODELS.items():
    app, model = label.split(".")
    prefix = f"admin:{app}_{model}"
    ROUTES[f"{prefix}_changelist"] = [Case(staff(200, **_changelist(label)))]
    ROUTES[f"{prefix}_add"] = [Case(staff(403, **dict.fromkeys(add, 200)))]
    for name, cases in object_cases(obj, view, manage & view).items():
        ROUTES[f"{prefix}_{name}"] = cases
    ROUTES[f"admin/{app}/{model}/<path:object_id>/"] = [Case(expect(302), {"object_id": 1}, note="redirects to .../change/")]
