"""Small makers for the training tests: courses, sessions and records through the services."""

from datetime import datetime, time
from decimal import Decimal

from django.utils import timezone

from governance.accounts import services as account_services
from governance.accounts.choices import Role
from governance.training import services
from governance.training.models import Attendance, Certificate, Course, Session
from tests.base import make_user


def training_cleared() -> None:
    """Start from no training at all (the demo's courses and certificates removed in the test's transaction)."""
    Attendance.objects.all().delete()
    Certificate.objects.all().delete()
    Session.objects.all().delete()
    Course.objects.all().delete()


def grid_worker(*nodes, name: str = "网格员"):
    user = make_user(display_name=name)
    for node in nodes:
        account_services.role_grant(user=user, role=Role.GRID_WORKER, node=node)
    return user


def course(*, by, node, title: str = "网格员业务培训", kind: str = "grid_business", hours: int = 8) -> Course:
    return services.course_create(by=by, node=node, title=title, provider="成华区民政局", kind=kind, hours=Decimal(hours))


def session(*, by, course: Course, day, hours: int = 4) -> Session:
    starts_at = timezone.make_aware(datetime.combine(day, time(9)))
    return services.session_create(by=by, course=course, starts_at=starts_at, hours=Decimal(hours), place="街道会议室", trainer="刘老师")


def attend(*, by, session: Session, person, hours, passed=None) -> Attendance:
    return services.attendance_record(by=by, session=session, person=person, hours=Decimal(str(hours)), passed=passed)


def certify(*, by, node, person, kind: str, number: str, issued_on) -> Certificate:
    return services.certificate_record(
        by=by, node=node, person=person, kind=kind, number=number, issued_on=issued_on, issuer="四川省人社厅"
    )
