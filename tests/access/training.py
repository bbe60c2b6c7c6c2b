"""Training records: courses and certificates of the district and of 双桥子 / 圣灯街道, the person's own record."""

from governance.training.models import Attendance, Certificate, Course, Session

from . import SIGNED_IN, STAFF, Case, Listing, Write, expect
from .admin import _changelist, object_cases, staff

STREET_COURSE, OUTSIDE_COURSE, DISTRICT_COURSE = "网格业务与信息采集", "安全巡查与消防知识", "网格员转社工职业资格培训班"
WORKER_CERTIFICATE, TRAINEE_CERTIFICATE = "ZJ2024510007", "ZL2026510001"  # demo_worker's and trainee_01's (both the district's)
MANAGERS = {"admin", "street"}  # the district administrator and 双桥子街道's staff; community staff and workers do not manage courses
MANAGE_PAGE = expect(404, anonymous=302, admin=200, street=200)
MANAGED = expect(404, anonymous=302, admin=302, street=302)


def course(d=None, title: str = STREET_COURSE) -> Course:
    return Course.objects.get(title=title)


def session(d=None) -> Session:
    return course().sessions.order_by("pk").first()


def worker_certificate(d=None) -> Certificate:
    return Certificate.objects.get(number=WORKER_CERTIFICATE)


def code(get):
    return lambda d: {"code": get(d).code}


def _certificate_at(street_code: str, number: str, by: str):
    def make(demo) -> str:
        from courtyards.models import Street
        from governance.accounts.models import User
        from governance.training import services

        services.certificate_record(
            by=getattr(demo, by),
            node=Street.objects.get(code=street_code),
            person=User.objects.get(username="trainee_01"),
            kind="safety",
            number=number,
            issued_on="2026-06-01",
            issuer="街道安监办",
        )
        return number

    return make


COURSE_DATA = {"title": "哨兵课程", "kind": "grid_business", "provider": "双桥子街道", "hours": "2", "node": "street:shuangqiaozi"}
CERTIFICATE_DATA = {
    "person": "trainee_01",
    "kind": "safety",
    "number": "SENTINEL-1",
    "issued_on": "2026-06-01",
    "issuer": "双桥子街道",
    "node": "street:shuangqiaozi",
}
SESSION_DATA = {"day": "2026-06-02", "start": "09:00", "hours": "2", "place": "会议室", "trainer": "哨兵"}

ROUTES = {
    "training:mine": [Case(SIGNED_IN)],
    "training:course_list": [Case(STAFF)],
    "training:course_create": [Case(MANAGE_PAGE), Case(MANAGED, method="post", data=COURSE_DATA)],
    "training:course_detail": [
        Case(MANAGE_PAGE, code(course)),
        Case(expect(404, anonymous=302, admin=200), code(lambda d: course(d, DISTRICT_COURSE))),
    ],
    "training:session_create": [Case(MANAGED, code(course), method="post", data=SESSION_DATA)],
    "training:session_detail": [Case(MANAGE_PAGE, code(session))],
    "training:attendance_record": [Case(MANAGED, code(session), method="post", data={"person": "trainee_01", "hours": "3"})],
    "training:certificate_list": [Case(STAFF)],
    "training:certificate_record": [Case(MANAGE_PAGE), Case(MANAGED, method="post", data=CERTIFICATE_DATA)],
}

NOBODY = dict.fromkeys(["admin", "street", "community", "worker", "resident", "resident2"], set())
LISTS = {
    "training:course_list": Listing(
        {"inside": lambda d: STREET_COURSE, "outside": lambda d: OUTSIDE_COURSE, "district": lambda d: DISTRICT_COURSE},
        {"admin": {"inside", "outside", "district"}, "street": {"inside"}, "community": set(), "worker": set()},
    ),
    "training:certificate_list": Listing(
        {
            "own": lambda d: WORKER_CERTIFICATE,
            "inside": _certificate_at("shuangqiaozi", "SENTINEL-IN", "street"),
            "outside": _certificate_at("shengdeng", "SENTINEL-OUT", "admin"),
        },
        {"admin": {"own", "inside", "outside"}, "street": {"inside"}, "community": set(), "worker": {"own"}},
    ),
    "training:mine": Listing({"own": lambda d: WORKER_CERTIFICATE, "other": lambda d: TRAINEE_CERTIFICATE}, {**NOBODY, "worker": {"own"}}),
}

WRITES = {
    "training:course_create": [
        Write(lambda d: None, MANAGERS, data=lambda d, t: COURSE_DATA, rows=lambda d, t: Course.objects.filter(title="哨兵课程"))
    ],
    "training:session_create": [
        Write(
            course,
            MANAGERS,
            kwargs=lambda d, c: {"code": c.code},
            data=lambda d, c: SESSION_DATA,
            rows=lambda d, c: Session.objects.filter(course=c),
        )
    ],
    "training:attendance_record": [
        Write(
            session,
            MANAGERS,
            kwargs=lambda d, s: {"code": s.code},
            data=lambda d, s: {"person": "trainee_01", "hours": "3"},
            rows=lambda d, s: Attendance.objects.filter(session=s),
            note="trainee_01 attended 4 hours: recorded again as 3",
        )
    ],
    "training:certificate_record": [
        Write(
            lambda d: None,
            MANAGERS,
            data=lambda d, t: CERTIFICATE_DATA,
            rows=lambda d, t: Certificate.objects.filter(number="SENTINEL-1"),
        )
    ],
}

# Read-only in the admin: written on the training pages, through the services.
MODELS = {
    "training.course": (course, MANAGERS, set(), set()),
    "training.certificate": (worker_certificate, {"admin", "worker"}, set(), set()),
}
ADMIN_ROWS = {
    "training.course": lambda marker: {
        "inside": lambda d: marker(course()),
        "outside": lambda d: marker(course(d, OUTSIDE_COURSE)),
        "district": lambda d: marker(course(d, DISTRICT_COURSE)),
    },
    "training.certificate": lambda marker: {
        "own": lambda d: marker(worker_certificate()),
        "other": lambda d: marker(Certificate.objects.get(number=TRAINEE_CERTIFICATE)),
    },
}
ADMIN_SEES = {
    "training.course": {"admin": {"inside", "outside", "district"}, "street": {"inside"}, "community": set(), "worker": set()},
    "training.certificate": {"admin": {"own", "other"}, "street": set(), "community": set(), "worker": {"own"}},
}

for label, (obj, view, manage, add) in MODELS.items():
    app, model = label.split(".")
    prefix = f"admin:{app}_{model}"
    ROUTES[f"{prefix}_changelist"] = [Case(staff(200, **_changelist(label)))]
    ROUTES[f"{prefix}_add"] = [Case(staff(403, **dict.fromkeys(add, 200)))]
    for name, cases in object_cases(obj, view, manage & view).items():
        ROUTES[f"{prefix}_{name}"] = cases
    ROUTES[f"admin/{app}/{model}/<path:object_id>/"] = [Case(expect(302), {"object_id": 1}, note="redirects to .../change/")]
