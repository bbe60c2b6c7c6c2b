"""The writes: who may place a course where, attendance once per session and person, certificate numbers."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.accounts.choices import Role
from governance.training import services
from governance.training.models import Attendance, Certificate, Course, Session
from tests.base import make_staff

from .helpers import attend, certify, course, grid_worker, session

pytestmark = pytest.mark.django_db


def test_recording_attendance_again_corrects_the_one_row(demo):
    at = session(by=demo.street, course=course(by=demo.street, node=demo.shuangqiaozi), day=date(2026, 4, 1), hours=4)
    worker = grid_worker(demo.xinhong)
    attend(by=demo.street, session=at, person=worker, hours=4)
    attend(by=demo.admin, session=at, person=worker, hours=2.5, passed=True)
    row = Attendance.objects.get(session=at, person=worker)
    assert (row.hours, row.passed, row.recorded_by) == (Decimal("2.5"), True, demo.admin)
    assert Attendance.objects.filter(session=at).count() == 1


def test_attended_hours_never_exceed_the_session_and_default_to_it(demo):
    at = session(by=demo.street, course=course(by=demo.street, node=demo.shuangqiaozi), day=date(2026, 4, 1), hours=4)
    worker = grid_worker(demo.xinhong)
    with pytest.raises(ValidationError):
        attend(by=demo.street, session=at, person=worker, hours=5)
    assert not Attendance.objects.filter(session=at).exists()
    assert services.attendance_record(by=demo.street, session=at, person=worker).hours == Decimal("4.0")


def test_a_course_sits_on_the_district_or_a_street_the_author_manages(demo):
    with pytest.raises(ValidationError):
        course(by=demo.admin, node=demo.xinhong)
    shengdeng_officer = make_staff(role=Role.STREET_STAFF, node=demo.shengdeng)
    with pytest.raises(PermissionDenied):
        course(by=shengdeng_officer, node=demo.shuangqiaozi, title="越权课程")
    with pytest.raises(PermissionDenied):
        course(by=demo.community, node=demo.shuangqiaozi, title="越权课程")
    assert not Course.objects.filter(title="越权课程").exists()
    assert course(by=shengdeng_officer, node=demo.shengdeng, title="圣灯课程").street == demo.shengdeng


def test_only_the_course_s_managers_add_sessions_and_record_attendance(demo):
    ours = course(by=demo.street, node=demo.shuangqiaozi)
    shengdeng_officer = make_staff(role=Role.STREET_STAFF, node=demo.shengdeng)
    with pytest.raises(PermissionDenied):
        session(by=shengdeng_officer, course=ours, day=date(2026, 4, 1))
    assert not Session.objects.filter(course=ours).exists()
    at = session(by=demo.street, course=ours, day=date(2026, 4, 1))
    with pytest.raises(PermissionDenied):
        attend(by=demo.community, session=at, person=grid_worker(demo.xinhong), hours=1)
    assert not Attendance.objects.filter(session=at).exists()


def test_a_certificate_number_belongs_to_one_person(demo):
    first, second = grid_worker(demo.xinhong), grid_worker(demo.xinhong)
    recorded = certify(
        by=demo.street, node=demo.shuangqiaozi, person=first, kind="social_worker", number="ZJ-1", issued_on=date(2026, 1, 5)
    )
    again = certify(by=demo.street, node=demo.shuangqiaozi, person=first, kind="social_worker", number="ZJ-1", issued_on=date(2026, 1, 5))
    assert again.pk == recorded.pk
    with pytest.raises(ValidationError):
        certify(by=demo.street, node=demo.shuangqiaozi, person=second, kind="social_worker", number="ZJ-1", issued_on=date(2026, 1, 5))
    assert list(Certificate.objects.filter(number="ZJ-1").values_list("person", flat=True)) == [first.pk]
    assert (recorded.street, recorded.district) == (demo.shuangqiaozi, demo.district)
