"""Writes of training records: courses, sessions, attendance and certificates.

Each function is one transaction and asks the permission module itself, so the pages, the admin and
the demo are held to the same rules: district and street staff manage the courses of their node.
"""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from courtyards import services as tree_services
from governance.accounts import permissions
from governance.accounts.permissions import Action

from .models import Attendance, Certificate, Course, Session


def _placed(model, node) -> dict:
    """The district and street keys of a row placed on the district or a street."""
    if node.level not in ("district", "street"):
        raise ValidationError(_("Choose the district or a street."))
    return tree_services.ancestor_values(model, node)


def _require(by, action: str, obj) -> None:
    if not permissions.can(by, action, obj):
        raise PermissionDenied


def course_create(*, by, node, title: str, provider: str, kind: str, hours: Decimal, description: str = "") -> Course:
    course = Course(title=title, provider=provider, kind=kind, hours=hours, description=description, created_by=by, **_placed(Course, node))
    _require(by, Action.MANAGE, course)
    course.full_clean()
    with transaction.atomic():
        course.save()
    return course


def session_create(*, by, course: Course, starts_at: datetime, hours: Decimal, place: str, trainer: str) -> Session:
    _require(by, Action.MANAGE, course)
    session = Session(course=course, starts_at=starts_at, hours=hours, place=place, trainer=trainer)
    session.full_clean()
    with transaction.atomic():
        session.save()
    return session


def attendance_record(*, by, session: Session, person, hours: Decimal | None = None, passed: bool | None = None) -> Attendance:
    """The person's attendance at the session; recording it again corrects it (one row per session and person)."""
    _require(by, Action.MANAGE, session.course)
    hours = session.hours if hours is None else hours
    if hours > session.hours:
        raise ValidationError({"hours": _("No more than the session's %(hours)s hours.") % {"hours": session.hours}})
    with transaction.atomic():
        attendance, _created = Attendance.objects.select_for_update().get_or_create(
            session=session, person=person, defaults={"hours": hours, "passed": passed, "recorded_by": by}
        )
        attendance.hours, attendance.passed, attendance.recorded_by = hours, passed, by
        attendance.full_clean()
        attendance.save()
    return attendance


def certificate_record(
    *, by, node, person, kind: str, number: str, issued_on: date, issuer: str, course: Course | None = None
) -> Certificate:
    """A certificate the person holds, recorded by the office of `node`; the same kind and number is one certificate."""
    existing = Certificate.objects.filter(kind=kind, number=number).first()
    if existing is not None:
        if existing.person_id != person.pk:
            raise ValidationError({"number": _("This certificate number is already recorded for someone else.")})
        return existing
    certificate = Certificate(
        person=person,
        kind=kind,
        number=number,
        issued_on=issued_on,
        issuer=issuer,
        course=course,
        recorded_by=by,
        **_placed(Certificate, node),
    )
    _require(by, Action.MANAGE, certificate)
    if course is not None:
        _require(by, Action.VIEW, course)
    certificate.full_clean()
    with transaction.atomic():
        certificate.save()
    return certificate
