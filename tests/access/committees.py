from . import PUBLIC, SIGNED_IN, STAFF, Case, expect

API_LIST = expect(200, anonymous=403)
# 华林社区's public environment committee: run by the district admin and by its chair (demo_resident2, a guardian grant).
HUALIN_ENV = {"code": "hualin-public-environment"}
RUN_HUALIN = expect(404, anonymous=302, admin=200, resident2=200, operator=404)
POST_HUALIN = expect(404, anonymous=302, admin=302, resident2=302, operator=404)


def held_meeting(d):
    from committees.models import Meeting

    return {"code": Meeting.objects.filter(committee__code="hualin-public-environment").first().code}


def council_need(d):
    from committees.models import Need

    return {"code": Need.objects.get(title="连心驿站增设老年活动时段").code}


def member_of_hualin(d):
    from committees.models import Membership

    return {"pk": Membership.objects.get(committee__code="hualin-public-environment", user__username="resident_08").pk}


def chair_membership(d):
    from committees.models import Membership

    return {"pk": Membership.objects.get(committee__code="hualin-public-environment", role="chair").pk}


ROUTES = {
    "committees:detail": [
        Case(PUBLIC, HUALIN_ENV),
        Case(PUBLIC, {"code": "shuangqiaozi-federation"}),
        Case(expect(404), {"code": "no-such-body"}),
    ],
    "committees:need_raise": [Case(SIGNED_IN, {"code": "xinhong"}), Case(expect(404, anonymous=302), {"code": "no-such-community"})],
    "committees:need": [Case(PUBLIC, council_need)],
    "committees:need_support": [Case(expect(302), council_need, method="post")],
    "committees:manage_list": [Case(STAFF)],
    "committees:create": [Case(STAFF)],
    "committees:manage": [
        Case(RUN_HUALIN, HUALIN_ENV),
        Case(expect(404, anonymous=302, admin=200, street=200, resident=200), {"code": "shuangqiaozi-federation"}),
        Case(expect(404, anonymous=302, admin=200, street=200, community=200), {"code": "xinhong-welfare"}),
    ],
    "committees:appoint": [Case(POST_HUALIN, HUALIN_ENV, method="post")],
    "committees:meeting_schedule": [Case(POST_HUALIN, HUALIN_ENV, method="post")],
    "committees:membership_end": [Case(POST_HUALIN, member_of_hualin, method="post")],
    "committees:meeting": [Case(RUN_HUALIN, held_meeting)],
    "committees:agenda_add": [Case(POST_HUALIN, held_meeting, method="post")],
    "committees:attendance": [Case(POST_HUALIN, held_meeting, method="post")],
    "committees:minutes": [Case(POST_HUALIN, held_meeting, method="post")],
    "committees:decision": [Case(POST_HUALIN, held_meeting, method="post")],
    "committees:action_add": [Case(POST_HUALIN, held_meeting, method="post")],
    "committees:minutes_pdf": [Case(RUN_HUALIN, held_meeting)],
    "committees:votes_csv": [Case(RUN_HUALIN, held_meeting)],
    "committees:need_queue": [Case(STAFF)],
    "committees:need_status": [Case(expect(404, anonymous=302, admin=302), council_need, method="post", data={"status": "done"})],
    "api:committee-list": [Case(API_LIST)],
    "api:committee-detail": [
        Case(expect(404, anonymous=403, admin=200), HUALIN_ENV),
        Case(expect(200, anonymous=403, resident=404, resident2=404), {"code": "xinhong-welfare"}),
    ],
    "api:membership-list": [Case(API_LIST)],
    "api:membership-detail": [Case(expect(404, anonymous=403, admin=200), chair_membership)],
    "api:meeting-list": [Case(API_LIST)],
    "api:meeting-detail": [Case(expect(404, anonymous=403, admin=200), held_meeting)],
    "api:need-list": [Case(API_LIST)],
    "api:need-detail": [Case(expect(404, anonymous=403, admin=200), council_need)],
}


def open_action(d):
    from committees.models import FollowUpAction

    return {"pk": FollowUpAction.objects.filter(meeting__committee__code="hualin-public-environment").first().pk}


ROUTES["committees:action_done"] = [Case(POST_HUALIN, open_action, method="post")]


def admin_routes(models: dict) -> dict[str, list[Case]]:
    """Rows for read-only admins: lists open to staff (scoped), no add, object pages for viewers, no delete."""
    from .admin import object_cases, staff

    routes = {}
    for label, (obj, viewers) in models.items():
        app, model = label.split(".")
        prefix = f"admin:{app}_{model}"
        routes[f"{prefix}_changelist"] = [Case(staff(200))]
        routes[f"{prefix}_add"] = [Case(staff(403))]
        for name, case in object_cases(obj, viewers, set()).items():
            routes[f"{prefix}_{name}"] = case
        routes[f"admin/{app}/{model}/<path:object_id>/"] = [Case(expect(302), {"object_id": 1}, note="redirects to .../change/")]
    return routes


def _xinhong_body(d):
    from committees.models import Committee

    return Committee.objects.get(code="xinhong-welfare")


def _held(d):
    from committees.models import Meeting

    return Meeting.objects.filter(committee__code="hualin-public-environment").first()


def _need(d):
    from committees.models import Need

    return Need.objects.get(title="连心驿站增设老年活动时段")


ROUTES |= admin_routes(
    {
        "committees.committee": (_xinhong_body, {"admin", "street", "community", "worker"}),
        "committees.meeting": (_held, {"admin"}),
        "committees.need": (_need, {"admin"}),
    }
)

ROUTES["api:need-support"] = [Case(expect(400, anonymous=403), council_need, method="post")]  # no persona lives in 秀林社区

ROUTES["committees:edit"] = [Case(POST_HUALIN, HUALIN_ENV, method="post")]
# Those who run the body reach the vote count (an empty body is a 400 with the reason); everyone else: 404.
ROUTES["api:meeting-decisions"] = [Case(expect(404, anonymous=403, admin=400, resident2=400, operator=404), held_meeting, method="post")]
