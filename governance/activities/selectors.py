"""Reads of field work, scoped through the permission module; counts and sums in the database.

`node_totals(node=..., start=..., end=...)` is the one place the seed's figures come from
("义诊服务 2,820 人次", "志愿活动 125 场", "52 个特殊家庭"); the reports reuse it.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, DecimalField, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from associations.models import Association, Enterprise
from committees.models import Committee
from courtyards.models import Community
from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.core import scalars

from .choices import Category, HelperKind, HoursStatus, SignupStatus
from .models import Activity, ActivityType, CaseNote, HelpRecord, Organiser, Project, ServiceStation, Signup, SpecialFamily, VolunteerHours

LEVELS = ("district", "street", "community", "courtyard")


def _on_node(node, prefix: str = "") -> Q:
    """Rows under a node of any level, by the denormalised key of that level."""
    if node.level not in LEVELS:
        raise ValueError(f"no totals below the courtyard level: {node.level}")
    return Q(**{f"{prefix}{node.level}_id": node.pk})


def _period(start: date | None, end: date | None, field: str) -> Q:
    """[start, end] as whole local days; either end may be open."""
    q = Q()
    if start:
        q &= Q(**{f"{field}__gte": timezone.make_aware(datetime.combine(start, time.min))})
    if end:
        q &= Q(**{f"{field}__lt": timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))})
    return q


def node_totals(*, node, start: date | None = None, end: date | None = None, read: dict | None = None) -> dict:
    """Events, person-times, volunteer hours and families helped under `node` in [start, end]: two queries, or one when
    the caller passes `read`: what it read of `node_total_querysets` together with other figures (the reports)."""
    activities = Activity.objects.filter(_on_node(node), _period(start, end, "starts_at"))
    is_clinic, is_volunteer = Q(type__category=Category.CLINIC), Q(type__category=Category.VOLUNTEER)
    totals = activities.aggregate(
        events=Count("pk"),
        served=Coalesce(Sum("person_times"), 0),
        clinic_events=Count("pk", filter=is_clinic),
        clinic_person_times=Coalesce(Sum("person_times", filter=is_clinic), 0),
        volunteer_events=Count("pk", filter=is_volunteer),
        volunteer_person_times=Coalesce(Sum("person_times", filter=is_volunteer), 0),
        mediation_events=Count("pk", filter=Q(type__category=Category.MEDIATION)),
    )
    totals["person_times"] = totals.pop("served")
    if read is None:
        counted, summed = node_total_querysets(node=node, start=start, end=end)
        read = scalars.counts_and_sums(counted=counted, summed=summed)  # hours, volunteers and families: one round trip
    row = read
    totals["volunteer_hours"] = Decimal(str(row["volunteer_hours"] or 0))
    totals["volunteers"], totals["families_helped"] = int(row["volunteers"] or 0), int(row["families_helped"] or 0)
    return totals


def node_total_querysets(*, node, start: date | None = None, end: date | None = None) -> tuple[dict, dict]:
    """What node_totals reads besides its aggregate, as (counted, summed) querysets for `scalars.counts_and_sums`."""
    hours = VolunteerHours.objects.filter(
        _on_node(node, "activity__"), _period(start, end, "activity__starts_at"), status=HoursStatus.APPROVED
    )
    counted = {
        "volunteers": hours.values("volunteer").distinct(),
        "families_helped": help_under(node=node, start=start, end=end).values("family").distinct(),
    }
    return counted, {"volunteer_hours": hours.values("hours")}


def help_under(*, node, start: date | None = None, end: date | None = None) -> QuerySet[HelpRecord]:
    """Help given to the special families under `node` on the days [start, end]."""
    period = Q()
    if start:
        period &= Q(given_on__gte=start)
    if end:
        period &= Q(given_on__lte=end)
    return HelpRecord.objects.filter(_on_node(node) if node.level != "courtyard" else Q(family__courtyard_id=node.pk), period)


def seed_figure_querysets(*, node, start: date, end: date) -> tuple[dict[str, QuerySet], dict[str, QuerySet]]:
    """The seed's field-work figures (义诊 人次, families helped and by whom, volunteer events and their person-times) as
    (counted, summed) querysets, for the reports to read with other apps' figures in one round trip (`scalars`)."""
    activities = activities_under(node=node, start=start, end=end)
    clinics, volunteering = activities.filter(type__category=Category.CLINIC), activities.filter(type__category=Category.VOLUNTEER)
    helped = help_under(node=node, start=start, end=end)
    counted = {
        "clinic_events": clinics.values("pk"),
        "volunteer_events": volunteering.values("pk"),
        "families_helped": helped.values("family").distinct(),
        **{f"families_helped_by_{kind}": helped.filter(helper_kind=kind).values("family").distinct() for kind in HelperKind.values},
    }
    summed = {"clinic_person_times": clinics.values("person_times"), "volunteer_person_times": volunteering.values("person_times")}
    return counted, summed


# --- staff lists -----------------------------------------------------------------------


def activity_list(*, user) -> QuerySet[Activity]:
    queryset = Activity.objects.select_related("type", "community", "station", "organiser", "logged_by")
    return permissions.visible(user, queryset, Action.VIEW).order_by("-starts_at", "-pk")


def activity_for_staff(*, user, code) -> Activity:
    queryset = Activity.objects.select_related(
        "type", "community", "courtyard", "station", "organiser", "project", "logged_by"
    ).prefetch_related(
        Prefetch("volunteer_hours", queryset=VolunteerHours.objects.select_related("volunteer").order_by("created_at")),
        "photos",
        Prefetch("help", queryset=HelpRecord.objects.select_related("family")),
    )
    return permissions.get_or_404(user, queryset, Action.VIEW, code=code)


def last_logged_by(*, user) -> Activity | None:
    """The worker's last activity: its place and organiser are the quick form's defaults."""
    return (
        Activity.objects.filter(logged_by=user)
        .select_related("organiser")
        .order_by("-created_at")
        .only("station_id", "organiser", "community_id", "type_id")
        .first()
    )


def recent_activities(*, community_id: int, days: int = 60) -> QuerySet[Activity]:
    """The activities a family's help can be linked to: its community's, of the last weeks."""
    since = timezone.now() - timedelta(days=days)
    return Activity.objects.filter(community_id=community_id, starts_at__gte=since).select_related("type").order_by("-starts_at")


def users_by_phone(*, phones: list[str]) -> dict:
    """Registered people by mobile number, for naming volunteers on the log form."""
    return {user.phone: user for user in get_user_model().objects.filter(phone__in=phones)}


def user_by_login(*, login: str):
    """A person by username or mobile number (for opening a case file to a colleague), or None."""
    return get_user_model().objects.filter(Q(username=login) | Q(phone=login)).first()


def activity_types() -> QuerySet[ActivityType]:
    return ActivityType.objects.all()


def stations_for(*, user) -> QuerySet[ServiceStation]:
    return permissions.visible(user, ServiceStation.objects.select_related("community"), Action.FIELD)


def organisers_for(*, user) -> QuerySet[Organiser]:
    return permissions.visible(user, Organiser.objects.all(), Action.FIELD)


def organiser_bodies_for(*, user) -> dict[str, list]:
    """What a worker may name as organiser: the associations and committees of their communities,
    the alliance enterprises of their streets, and the hand-typed organisers of their place."""
    communities = permissions.visible(user, Community.objects.all(), Action.FIELD)
    return {
        "association": list(Association.objects.filter(community__in=communities, is_active=True).order_by("name")),
        "committee": list(Committee.objects.filter(community__in=communities, is_active=True).order_by("name")),
        "enterprise": list(Enterprise.objects.filter(street__in=communities.values("street"), alliance_member=True).order_by("name")),
        "organiser": list(organisers_for(user=user).filter(association__isnull=True, committee__isnull=True, enterprise__isnull=True)),
    }


def runs_organiser(user, organiser: Organiser | None) -> bool:
    """Whether `user` runs the association or committee behind an organiser: its leaders and chairs
    (guardian grants) and the staff who manage it. Enterprises have no one to approve for them."""
    body = organiser and (organiser.association or organiser.committee)
    return body is not None and permissions.can(user, Action.MANAGE, body)


def _organised_by_bodies_run_by(user) -> Q:
    associations = permissions.visible(user, Association.objects.all(), Action.MANAGE).values("pk")
    committees = permissions.visible(user, Committee.objects.all(), Action.MANAGE).values("pk")
    return Q(organiser__association__in=associations) | Q(organiser__committee__in=committees)


def activity_for_hours(*, user, code) -> Activity:
    """The activity whose self-reported hours `user` may decide, or 404."""
    queryset = Activity.objects.select_related("organiser__association", "organiser__committee").filter(code=code)
    activity = queryset.filter(Q(logged_by=user) | permissions.scope_q(user, Activity, Action.FIELD)).first()
    if activity is None:
        activity = queryset.filter(organiser__isnull=False).first()
        if activity is None or not runs_organiser(user, activity.organiser):
            raise Http404
    return activity


def decides_hours(user) -> bool:
    """Staff and workers, and whoever runs an association or committee: they may open the hours queue."""
    if permissions.is_staff_member(user):
        return True
    return Activity.objects.filter(_organised_by_bodies_run_by(user)).exists()


def projects_for(*, user, action: str = Action.VIEW) -> QuerySet[Project]:
    return permissions.visible(user, Project.objects.all(), action)


def project_list(*, user) -> QuerySet[Project]:
    """Projects in scope with their progress, summed from their activities in one query."""
    return projects_for(user=user).select_related("organiser").annotate(**project_progress_annotations())


def project_progress_annotations() -> dict:
    activities = Activity.objects.filter(project=OuterRef("pk")).order_by().values("project")
    return {
        "events_done": Coalesce(Subquery(activities.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0),
        "person_times_done": Coalesce(Subquery(activities.annotate(n=Sum("person_times")).values("n"), output_field=IntegerField()), 0),
    }


def project_for_staff(*, user, code: str) -> Project:
    queryset = Project.objects.select_related("organiser").annotate(**project_progress_annotations())
    return permissions.get_or_404(user, queryset, Action.VIEW, code=code)


def project_activities(*, project: Project) -> QuerySet[Activity]:
    return project.activities.select_related("type", "community", "station").order_by("-starts_at")


# --- special families ------------------------------------------------------------------


def family_list(*, user) -> QuerySet[SpecialFamily]:
    return (
        permissions.visible(user, SpecialFamily.objects.select_related("community", "courtyard", "assigned_worker"), Action.VIEW)
        .annotate(help_count=Count("help"))
        .order_by("community__code", "created_at")
    )


def family_for_staff(*, user, code) -> SpecialFamily:
    queryset = SpecialFamily.objects.select_related("community", "courtyard", "household__unit", "assigned_worker").prefetch_related(
        Prefetch("notes", queryset=CaseNote.objects.select_related("author")),
        Prefetch("help", queryset=HelpRecord.objects.select_related("activity__type", "recorded_by")),
    )
    return permissions.get_or_404(user, queryset, Action.VIEW, code=code)


# --- residents and volunteers ----------------------------------------------------------


def upcoming_public(*, community, limit: int = 10) -> QuerySet[Activity]:
    """The community's coming activities with the places left: no personal data."""
    taken = Signup.objects.filter(activity=OuterRef("pk"), status=SignupStatus.REGISTERED).order_by().values("activity")
    return (
        Activity.objects.filter(community=community, starts_at__gte=timezone.now())
        .select_related("type", "station", "courtyard", "community")
        .annotate(taken=Coalesce(Subquery(taken.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0))
        .order_by("starts_at")[:limit]
    )


def activity_public(*, code) -> Activity:
    """Raises Activity.DoesNotExist. Only what a notice board would show."""
    taken = Signup.objects.filter(activity=OuterRef("pk"), status=SignupStatus.REGISTERED).order_by().values("activity")
    return (
        Activity.objects.select_related("type", "station", "courtyard", "community__street", "organiser")
        .annotate(taken=Coalesce(Subquery(taken.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0))
        .get(code=code)
    )


def signup_of(*, user, activity: Activity) -> Signup | None:
    if not user.is_authenticated:
        return None
    return Signup.objects.filter(user=user, activity=activity, status=SignupStatus.REGISTERED).first()


def hours_waiting(*, user) -> QuerySet[VolunteerHours]:
    """Self-reported hours this person may decide: at activities they logged, work on, or whose organiser they run."""
    in_scope = permissions.visible(user, Activity.objects.all(), Action.FIELD).values("pk")
    organised = Activity.objects.filter(_organised_by_bodies_run_by(user)).values("pk")
    return (
        VolunteerHours.objects.filter(
            Q(activity__in=in_scope) | Q(activity__in=organised) | Q(activity__logged_by=user), status=HoursStatus.PENDING
        )
        .select_related("activity__type", "activity__community", "volunteer")
        .order_by("created_at")
    )


def hours_waiting_count(user) -> int | None:
    """The staff home's count of self-reported hours to approve (None for whoever may not open the hours queue)."""
    return hours_waiting(user=user).count() if permissions.is_staff_member(user) else None


def hours_of(*, user) -> QuerySet[VolunteerHours]:
    return (
        VolunteerHours.objects.filter(volunteer=user)
        .select_related("activity__type", "activity__community")
        .order_by("-activity__starts_at")
    )


def approved_hours_total(*, user) -> dict:
    approved = VolunteerHours.objects.filter(volunteer=user, status=HoursStatus.APPROVED)
    return approved.aggregate(hours=Coalesce(Sum("hours"), Decimal(0), output_field=DecimalField()), activities=Count("pk"))


def signups_of(*, user) -> QuerySet[Signup]:
    return Signup.objects.filter(user=user, status=SignupStatus.REGISTERED).select_related("activity__type", "activity__community")


def activities_under(*, node, start: date, end: date) -> QuerySet[Activity]:
    """Activities under `node` starting in [start, end] (whole local days), for monthly trends."""
    return Activity.objects.filter(_on_node(node), _period(start, end, "starts_at"))
