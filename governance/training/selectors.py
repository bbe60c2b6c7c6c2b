"""Reads of training records, scoped through the permission module; the figures are counted by the database.

`node_training_totals(node=..., start=..., end=...)` is the one place "grid workers trained, training
hours, holders of a social-work qualification" comes from; the reports reuse it. A grid worker of a
node is a person holding `Role.GRID_WORKER` on that node or one below it.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from courtyards import tree_registry
from courtyards.models import District, Street
from governance.accounts import permissions
from governance.accounts.choices import Role
from governance.accounts.models import RoleAssignment
from governance.accounts.permissions import Action
from governance.core import scalars

from .choices import SOCIAL_WORK_QUALIFICATIONS
from .models import Attendance, Certificate, Course, Session

ZERO_HOURS = Decimal("0.0")


# --- the figures -----------------------------------------------------------------------------------


def grid_workers_under(*, node) -> QuerySet:
    """The ids of the people holding the grid-worker role on `node` or below it (a subquery, never a list)."""
    under = tree_registry.entry_for(RoleAssignment).under(node.level, node.pk)
    return RoleAssignment.objects.filter(under, role=Role.GRID_WORKER).values("user_id")


def _attended(start: date | None, end: date | None) -> Q:
    q = Q(hours__gt=0)
    if start:
        q &= Q(session__starts_at__date__gte=start)
    if end:
        q &= Q(session__starts_at__date__lte=end)
    return q


def grid_worker_attendance(*, node, start: date | None = None, end: date | None = None) -> QuerySet[Attendance]:
    """The sessions the grid workers of `node` attended in [start, end] (hours above 0)."""
    return Attendance.objects.filter(_attended(start, end), person_id__in=grid_workers_under(node=node))


def node_training_totals(*, node, start: date | None = None, end: date | None = None) -> dict:
    """Grid workers of `node` trained in [start, end], their training hours, and how many of them hold a
    social-work qualification issued by `end`: one query."""
    workers = grid_workers_under(node=node)
    attended = grid_worker_attendance(node=node, start=start, end=end)
    qualified = Certificate.objects.filter(kind__in=SOCIAL_WORK_QUALIFICATIONS, person_id__in=workers)
    if end:
        qualified = qualified.filter(issued_on__lte=end)
    row = scalars.counts_and_sums(
        counted={
            "grid_workers": workers.distinct(),
            "grid_workers_trained": attended.values("person_id").distinct(),
            "social_work_qualified": qualified.values("person_id").distinct(),
        },
        summed={"training_hours": attended.values("hours")},
    )
    totals = {name: int(row[name] or 0) for name in ("grid_workers", "grid_workers_trained", "social_work_qualified")}
    return {**totals, "training_hours": Decimal(str(row["training_hours"] or ZERO_HOURS))}


def person_totals(*, person) -> dict:
    """A person's attended hours, sessions and passed ones: one query."""
    return Attendance.objects.filter(person=person, hours__gt=0).aggregate(
        hours=Coalesce(Sum("hours"), ZERO_HOURS, output_field=DecimalField()),
        sessions=Count("pk"),
        passed=Count("pk", filter=Q(passed=True)),
    )


# --- a person's own record ---------------------------------------------------------------------------


def attendance_of(*, person) -> QuerySet[Attendance]:
    return Attendance.objects.filter(person=person).select_related("session__course").order_by("-session__starts_at", "-pk")


def certificates_of(*, person) -> QuerySet[Certificate]:
    return Certificate.objects.filter(person=person).select_related("course")


# --- staff pages -----------------------------------------------------------------------------------


def manages_courses(user) -> bool:
    """Holds a role that manages courses (district or street office): the work menu's link."""
    return permissions.holds_role(user, permissions.roles_allowed(Course, Action.MANAGE)) and bool(course_nodes_for(user=user))


def course_nodes_for(*, user) -> list:
    """The district and streets on which `user` may place a course."""
    districts = permissions.visible(user, District.objects.all(), Action.MANAGE)
    streets = permissions.visible(user, Street.objects.all(), Action.MANAGE)
    return [*districts.order_by("code"), *streets.order_by("code")]


def course_list(*, user) -> QuerySet[Course]:
    queryset = Course.objects.select_related("district", "street").annotate(session_count=Count("sessions"))
    return permissions.visible(user, queryset, Action.VIEW).order_by("-created_at", "-pk")


def course_for(*, user, code, action: str = Action.VIEW) -> Course:
    queryset = Course.objects.select_related("district", "street").prefetch_related(
        Prefetch("sessions", queryset=Session.objects.annotate(present=Count("attendance", filter=Q(attendance__hours__gt=0))))
    )
    return permissions.get_or_404(user, queryset, action, code=code)


def session_for(*, user, code, action: str = Action.VIEW) -> Session:
    queryset = Session.objects.select_related("course__district", "course__street").prefetch_related(
        Prefetch("attendance", queryset=Attendance.objects.select_related("person").order_by("person__display_name", "pk"))
    )
    return permissions.get_or_404(user, queryset, action, code=code)


def certificate_list(*, user) -> QuerySet[Certificate]:
    queryset = Certificate.objects.select_related("person", "street", "district")
    return permissions.visible(user, queryset, Action.VIEW)


def trainee_by_login(*, by, login: str):
    """A worker `by` may record training for, by username or mobile number: someone holding a staff or field
    role at or under a node where `by` manages courses; else None."""
    people = permissions.users_who_can_within(by, Course, Action.VIEW, within=Action.MANAGE)
    return get_user_model().objects.filter(Q(username=login) | Q(phone=login), pk__in=people.values("pk")).first()
