"""Training records for the demo district, so the report's "grid workers trained" figures are not zero on the first run.

Four grid workers of their own (网格员 of 新鸿, 双桥路, 华林 and 秀林), the social worker demo_worker, and
demo_grid where another part of the seed made it; three courses (the district's social-work class, a
street's grid-business class, a safety class of 圣灯街道), their sessions, attendance and certificates.
Idempotent: a second run finds the district's course and writes nothing.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from courtyards.models import Community, District, Street
from governance.accounts import services as account_services
from governance.accounts.choices import Role
from governance.accounts.models import User

from . import services
from .choices import CertificateKind, CourseKind
from .models import Course

DISTRICT_COURSE = "网格员转社工职业资格培训班"
# username, display name, phone, community of their grid
GRID_WORKERS = [
    ("trainee_01", "网格员 陈明", "13600000101", "xinhong"),
    ("trainee_02", "网格员 刘芳", "13600000102", "shuangqiao"),
    ("trainee_03", "网格员 张伟", "13600000103", "hualin"),
    ("trainee_04", "网格员 王静", "13600000104", "xiulin"),
]
PASSWORD = "chenghua-demo"


def seed() -> None:
    if Course.objects.filter(title=DISTRICT_COURSE).exists():
        return
    admin = User.objects.get(username="demo_admin")
    people = {username: _grid_worker(username, name, phone, community) for username, name, phone, community in GRID_WORKERS}
    people["demo_worker"] = User.objects.get(username="demo_worker")
    demo_grid = User.objects.filter(username="demo_grid").first()  # the grid worker of 新鸿社区, where the seed has one
    sessions = _courses(admin)
    _attendance(admin, sessions, people, demo_grid)
    _certificates(admin, people, demo_grid)


def _grid_worker(username: str, name: str, phone: str, community_code: str) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"display_name": name, "phone": phone})
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    if not user.role_assignments.filter(role=Role.GRID_WORKER).exists():
        account_services.role_grant(user=user, role=Role.GRID_WORKER, node=Community.objects.get(code=community_code))
    return user


def _day(days_ago: int, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=days_ago), time(hour)))


def _courses(admin: User) -> dict:
    district = District.objects.get(code="chenghua")
    shuangqiaozi, shengdeng = Street.objects.get(code="shuangqiaozi"), Street.objects.get(code="shengdeng")
    street_staff = User.objects.get(username="demo_street")
    social = services.course_create(
        by=admin, node=district, title=DISTRICT_COURSE, provider="成华区民政局", kind=CourseKind.SOCIAL_WORK, hours=Decimal(32)
    )
    grid = services.course_create(
        by=street_staff,
        node=shuangqiaozi,
        title="网格业务与信息采集",
        provider="双桥子街道办事处",
        kind=CourseKind.GRID_BUSINESS,
        hours=Decimal(4),
    )
    safety = services.course_create(
        by=admin, node=shengdeng, title="安全巡查与消防知识", provider="圣灯街道安监办", kind=CourseKind.SAFETY, hours=Decimal(3)
    )
    return {
        "s1": services.session_create(
            by=admin, course=social, starts_at=_day(75), hours=Decimal(8), place="成华区社会工作服务中心", trainer="刘老师"
        ),
        "s2": services.session_create(
            by=admin, course=social, starts_at=_day(45), hours=Decimal(8), place="成华区社会工作服务中心", trainer="刘老师"
        ),
        "s3": services.session_create(
            by=street_staff, course=grid, starts_at=_day(20, 14), hours=Decimal(4), place="双桥子街道会议室", trainer="袁工"
        ),
        "s4": services.session_create(
            by=admin, course=safety, starts_at=_day(10, 14), hours=Decimal(3), place="圣灯街道消防站", trainer="周队长"
        ),
    }


# session -> (person, hours, passed)
ATTENDANCE = {
    "s1": [("trainee_01", 8, None), ("trainee_02", 8, None), ("trainee_03", 8, None), ("trainee_04", 8, None)],
    "s2": [("trainee_01", 8, True), ("trainee_02", 6, True), ("trainee_04", 0, None)],
    "s3": [("trainee_01", 4, True), ("trainee_02", 4, True), ("demo_worker", 4, True)],
    "s4": [("trainee_03", 3, True)],
}


def _attendance(admin: User, sessions: dict, people: dict, demo_grid: User | None) -> None:
    for key, rows in ATTENDANCE.items():
        for username, hours, passed in rows:
            services.attendance_record(by=admin, session=sessions[key], person=people[username], hours=Decimal(hours), passed=passed)
    if demo_grid is not None:
        services.attendance_record(by=admin, session=sessions["s1"], person=demo_grid, hours=Decimal(8))
        services.attendance_record(by=admin, session=sessions["s3"], person=demo_grid, hours=Decimal(4), passed=True)


# person, kind, number, days ago issued, issuer
CERTIFICATES = [
    ("trainee_01", CertificateKind.ASSISTANT_SOCIAL_WORKER, "ZL2026510001", 30, "四川省人力资源和社会保障厅"),
    ("trainee_03", CertificateKind.SOCIAL_WORKER, "ZJ2025510023", 400, "四川省人力资源和社会保障厅"),
    ("trainee_02", CertificateKind.GRID_WORKER, "CHWG2026-0102", 60, "成华区网格化服务管理中心"),
    ("demo_worker", CertificateKind.SOCIAL_WORKER, "ZJ2024510007", 700, "四川省人力资源和社会保障厅"),
]


def _certificates(admin: User, people: dict, demo_grid: User | None) -> None:
    district = District.objects.get(code="chenghua")
    for username, kind, number, days_ago, issuer in CERTIFICATES:
        issued_on = timezone.localdate() - timedelta(days=days_ago)
        services.certificate_record(
            by=admin, node=district, person=people[username], kind=kind, number=number, issued_on=issued_on, issuer=issuer
        )
    if demo_grid is not None:
        services.certificate_record(
            by=admin, node=district, person=demo_grid, kind=CertificateKind.ASSISTANT_SOCIAL_WORKER, number="ZL2026510009",
            issued_on=timezone.localdate() - timedelta(days=20), issuer="四川省人力资源和社会保障厅",
        )  # fmt: skip
