from tests.base import report_job_of

from . import PUBLIC, STAFF, Case, expect
from .admin import object_cases, staff

STAFF_POST = expect(302, resident=404, resident2=404)  # done (or refused with a message) and sent back; outsiders 404
ONLY_ADMIN = expect(404, anonymous=302, admin=200)
SHUANGQIAOZI = expect(200, anonymous=302, resident=404, resident2=404, community=404, worker=404)

xinhong_job = lambda d: {"pk": report_job_of(d.xinhong, by=d.community).pk}  # noqa: E731
shengdeng_job = lambda d: {"pk": report_job_of(d.shengdeng, by=d.admin).pk}  # noqa: E731
built_job = lambda d: {"pk": report_job_of(d.xinhong, by=d.community, built=True).pk, "kind": "pdf"}  # noqa: E731


def subscription(d):
    from governance.reports import services
    from governance.reports.models import ReportSubscription

    services.subscription_set(user=d.street, street=d.shuangqiaozi, subscribed=True)
    return ReportSubscription.objects.get(user=d.street)


def shengdeng_grid(d) -> dict:
    """A grid of a 圣灯街道 community: out of every demo persona's scope but the district administrator's."""
    from courtyards import grids
    from courtyards.models import Community, Grid

    community = Community.objects.filter(street=d.shengdeng).order_by("pk").first()
    grid = Grid.objects.filter(code="shengdeng-test-grid").first()
    return {"code": (grid or grids.grid_create(community=community, name="圣灯测试网格", code="shengdeng-test-grid")).code}


REPORT_DATA = {"period_kind": "monthly", "start": "2026-03-01"}


def _admin_routes() -> dict:
    routes = {}
    models = {
        # label: (object, may view, may manage, may add)
        "reportjob": (
            lambda d: report_job_of(d.xinhong, by=d.community),
            {"admin", "street", "community", "worker"},
            {"admin", "street", "community"},
            set(),
        ),
        "reportsubscription": (subscription, {"admin", "street"}, {"admin", "street"}, {"admin", "street", "community"}),
    }
    for model, (obj, view, manage, add) in models.items():
        prefix = f"admin:reports_{model}"
        routes[f"{prefix}_changelist"] = [Case(staff(200))]
        routes[f"{prefix}_add"] = [Case(staff(403, **dict.fromkeys(add, 200)))]
        for name, case in object_cases(obj, view, manage & view).items():
            routes[f"{prefix}_{name}"] = case
        routes[f"admin/reports/{model}/<path:object_id>/"] = [Case(expect(302), {"object_id": 1}, note="redirects to .../change/")]
    return routes


ROUTES = {
    "reports:index": [Case(STAFF)],
    "reports:dashboard": [
        Case(STAFF, {"level": "community", "code": "xinhong"}),
        Case(SHUANGQIAOZI, {"level": "street", "code": "shuangqiaozi"}),
        Case(ONLY_ADMIN, {"level": "street", "code": "shengdeng"}),
        Case(ONLY_ADMIN, {"level": "district", "code": "chenghua"}),
    ],
    "reports:map": [
        Case(STAFF, {"level": "community", "code": "xinhong"}),
        Case(SHUANGQIAOZI, {"level": "street", "code": "shuangqiaozi"}),
        Case(ONLY_ADMIN, {"level": "street", "code": "shengdeng"}),
        Case(expect(404, anonymous=302), {"level": "district", "code": "chenghua"}, note="no map of a whole district"),
    ],
    "reports:job_create": [
        Case(STAFF_POST, {"level": "community", "code": "xinhong"}, method="post", data=REPORT_DATA),
        Case(expect(404, anonymous=302, admin=302), {"level": "community", "code": "hualin"}, method="post", data=REPORT_DATA),
    ],
    "reports:subscription": [
        Case(expect(404, anonymous=302, admin=302, street=302), {"code": "shuangqiaozi"}, method="post", data={"subscribe": "1"}),
    ],
    "reports:grid_dashboard": [Case(STAFF, {"code": "xinhong-grid-1"}), Case(ONLY_ADMIN, shengdeng_grid)],
    "reports:grid_dashboard_courtyard": [
        Case(STAFF, {"code": "xinhong-grid-1", "courtyard": "xinhong-nanlu"}),
        Case(expect(404, anonymous=302), {"code": "xinhong-grid-1", "courtyard": "shuanglin"}, note="a courtyard of another grid"),
    ],
    "reports:job": [Case(STAFF, xinhong_job), Case(ONLY_ADMIN, shengdeng_job)],
    "reports:job_progress": [Case(STAFF, xinhong_job), Case(ONLY_ADMIN, shengdeng_job)],
    "reports:job_retry": [Case(STAFF_POST, xinhong_job, method="post", note="not failed: refused with a message")],
    "reports:job_file": [
        Case(STAFF, built_job),
        Case(expect(404, anonymous=302), lambda d: {"pk": report_job_of(d.xinhong, by=d.admin).pk, "kind": "pdf"}, note="not built yet"),
        Case(expect(404, anonymous=302), lambda d: {**built_job(d), "kind": "docx"}, note="no such file"),
    ],
    "reports:request_export": [Case(STAFF, {"fmt": "csv"}), Case(expect(404, anonymous=302), {"fmt": "html"})],
    "reports:open_data": [
        Case(PUBLIC, {"level": "street", "code": "shuangqiaozi"}),
        Case(PUBLIC, {"level": "community", "code": "hualin"}),
    ],
    "reports:open_data_file": [
        Case(PUBLIC, {"level": "community", "code": "xinhong", "dataset": "requests"}),
        Case(PUBLIC, {"level": "street", "code": "shengdeng", "dataset": "three-rates"}),
        Case(PUBLIC, {"level": "community", "code": "xinhong", "dataset": "grids"}),
        Case(expect(404), {"level": "street", "code": "shengdeng", "dataset": "people"}),
    ],
    "api:report-dashboard": [
        Case(expect(200, anonymous=403, resident=404, resident2=404), {"level": "community", "code": "xinhong"}),
        Case(expect(404, anonymous=403, admin=200), {"level": "street", "code": "shengdeng"}),
        Case(expect(404, anonymous=403), {"level": "courtyard", "code": "xinhong-nanlu"}),
    ],
    "api:report-job-list": [Case(expect(200, anonymous=403))],
    "api:report-job-detail": [
        Case(expect(200, anonymous=403, resident=404, resident2=404), xinhong_job),
        Case(expect(404, anonymous=403, admin=200), shengdeng_job),
    ],
    "api:report-job-retry": [Case(expect(400, anonymous=403, resident=404, resident2=404), xinhong_job, method="post")],
    **_admin_routes(),
}
