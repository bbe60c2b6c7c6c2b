"""Writes: activities, sign-ups, volunteer hours, photos, special families and projects.

Each function is one transaction; permission is checked here (not only in the views), so
the admin, the API and tasks are held to the same rules.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from guardian.shortcuts import assign_perm

from associations.models import Association, Enterprise
from committees.models import Committee
from courtyards import services as tree_services
from governance.accounts import permissions
from governance.accounts.choices import STAFF_ROLES, Role
from governance.accounts.permissions import Action
from governance.core import stored_text
from governance.notifications import kinds
from governance.notifications.services import notification_create

from . import selectors
from .choices import HelperKind, HoursStatus, OrganiserKind, SignupStatus
from .models import (
    Activity,
    ActivityPhoto,
    ActivityType,
    CaseNote,
    HelpRecord,
    Organiser,
    Project,
    ServiceStation,
    Signup,
    SpecialFamily,
    VolunteerHours,
)
from .photos import photo_clean

AUTHOR_EDIT_WINDOW = timedelta(days=7)

kinds.register(
    "hours.approved",
    title=gettext_lazy("Your volunteer hours are approved"),
    body=gettext_lazy("%(hours)s hours at %(activity)s now count towards your certificate of service."),
)
kinds.register(
    "hours.rejected",
    title=gettext_lazy("Your volunteer hours were not approved"),
    body=gettext_lazy("The organiser did not approve your %(hours)s hours at %(activity)s."),
)
EDITABLE_FIELDS = {"type", "title", "starts_at", "ends_at", "organiser", "project", "headcount", "person_times", "capacity", "description"}


def activity_name(activity: Activity):
    """How a notification keeps an activity's name: its title, else its type's names in both languages."""
    return activity.title or stored_text.both(zh=activity.type.name, en=activity.type.name_en)


def place_keys(*, community, courtyard=None, station: ServiceStation | None = None, model=Activity) -> dict:
    """The ancestor keys (and the grid) a `model` row takes at a place: a station, a courtyard or a community."""
    if station is not None:
        return {"station": station, **tree_services.ancestor_values(model, station.courtyard or station.community)}
    if courtyard is not None and community is not None and courtyard.community_id != community.pk:
        raise ValidationError(_("The courtyard is not in that community."))
    return {"station": None, **tree_services.ancestor_values(model, courtyard or community)}


def activity_log(
    *, by, idempotency_key: UUID, type: ActivityType, starts_at: datetime, ends_at: datetime | None = None, **fields
) -> Activity:
    """A worker logs an activity. The same idempotency key returns the activity already logged."""
    existing = Activity.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _same_author(existing, by)
    place = place_keys(
        community=fields.pop("community", None), courtyard=fields.pop("courtyard", None), station=fields.pop("station", None)
    )
    volunteers = fields.pop("volunteers", ())
    activity = Activity(
        idempotency_key=idempotency_key, type=type, starts_at=starts_at, ends_at=ends_at or starts_at, logged_by=by, **place, **fields
    )
    if not permissions.can(by, Action.FIELD, activity):
        raise PermissionDenied
    activity.full_clean(exclude=["idempotency_key"])
    try:
        with transaction.atomic():
            activity.save()
            for volunteer, hours in volunteers:
                _hours_save(activity=activity, volunteer=volunteer, hours=hours, status=HoursStatus.APPROVED, by=by)
    except IntegrityError:
        # A concurrent resubmission won the race on the unique key: answer with its activity.
        existing = Activity.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return _same_author(existing, by)
    return activity


def _same_author(activity: Activity, by) -> Activity:
    if activity.logged_by_id != by.pk:
        raise ValidationError(_("This form was already used by someone else. Reload the page."))
    return activity


def activity_may_edit(user, activity: Activity) -> bool:
    """Staff of the place always; the author for seven days after logging it."""
    if permissions.can(user, Action.MANAGE, activity):
        return True
    recent = timezone.now() - activity.created_at <= AUTHOR_EDIT_WINDOW
    return activity.logged_by_id == user.pk and recent and permissions.can(user, Action.FIELD, activity)


@transaction.atomic
def activity_update(*, activity: Activity, by, **changes) -> Activity:
    if not activity_may_edit(by, activity):
        raise PermissionDenied(_("Only community staff can change an activity logged more than seven days ago."))
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for field, value in changes.items():
        setattr(activity, field, value)
    activity.full_clean()
    activity.save()
    return activity


def photo_add(*, activity: Activity, by, upload) -> ActivityPhoto:
    if not activity_may_edit(by, activity):
        raise PermissionDenied
    photo = ActivityPhoto(activity=activity)
    photo.image.save("photo.jpg", photo_clean(upload), save=False)
    photo.save()
    return photo


# --- sign-ups --------------------------------------------------------------------------


@transaction.atomic
def signup_create(*, activity: Activity, user) -> Signup:
    """Take a place. The activity row is locked, so two last-second sign-ups cannot both take the last one."""
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if locked.capacity is None:
        raise ValidationError(_("This activity takes no sign-ups."))
    if locked.starts_at <= timezone.now():
        raise ValidationError(_("This activity has already started."))
    signup = Signup.objects.filter(activity=locked, user=user).first()
    if signup is not None and signup.status == SignupStatus.REGISTERED:
        return signup
    taken = Signup.objects.filter(activity=locked, status=SignupStatus.REGISTERED).count()
    if taken >= locked.capacity:
        raise ValidationError(_("Sorry, this activity is full."), code="full")
    signup = signup or Signup(activity=locked, user=user)
    signup.status = SignupStatus.REGISTERED
    signup.full_clean(validate_unique=False)
    signup.save()
    return signup


@transaction.atomic
def signup_cancel(*, activity: Activity, user) -> None:
    Signup.objects.filter(activity=activity, user=user, status=SignupStatus.REGISTERED).update(status=SignupStatus.CANCELLED)


# --- volunteer hours -------------------------------------------------------------------


def _hours_save(*, activity: Activity, volunteer, hours, status: str, by=None) -> VolunteerHours:
    entry = VolunteerHours(activity=activity, volunteer=volunteer, hours=Decimal(hours), status=status, decided_by=by)
    entry.full_clean(exclude=["activity"])
    entry.save()
    return entry


@transaction.atomic
def volunteer_hours_report(*, activity: Activity, volunteer, hours) -> VolunteerHours:
    """A volunteer reports their own hours; they count once approved."""
    if activity.starts_at > timezone.now():
        raise ValidationError(_("Report your hours after the activity has started."))
    if VolunteerHours.objects.filter(activity=activity, volunteer=volunteer).exists():
        raise ValidationError(_("You already reported hours for this activity."))
    return _hours_save(activity=activity, volunteer=volunteer, hours=hours, status=HoursStatus.PENDING)


def hours_may_decide(user, activity: Activity) -> bool:
    """Who logged it, a worker or staff member of its place, or who runs the organising body."""
    return (
        activity.logged_by_id == user.pk
        or permissions.can(user, Action.FIELD, activity)
        or selectors.runs_organiser(user, activity.organiser)
    )


@transaction.atomic
def volunteer_hours_decide(*, entry: VolunteerHours, by, approve: bool) -> VolunteerHours:
    entry = VolunteerHours.objects.select_for_update().select_related("activity").get(pk=entry.pk)
    if not hours_may_decide(by, entry.activity):
        raise PermissionDenied
    if entry.status != HoursStatus.PENDING:
        raise ValidationError(_("These hours were already decided."))
    entry.status = HoursStatus.APPROVED if approve else HoursStatus.REJECTED
    entry.decided_by = by
    entry.save(update_fields=["status", "decided_by"])
    notification_create(
        recipient=entry.volunteer,
        kind=f"hours.{entry.status}",
        key=f"hours:{entry.pk}:{entry.status}",
        params={"hours": str(entry.hours), "activity": activity_name(entry.activity)},
        link=reverse("activities:mine"),
    )
    return entry


# --- special families ------------------------------------------------------------------


@transaction.atomic
def special_family_create(*, by, community, head_name: str, reason: str, assigned_worker, **fields) -> SpecialFamily:
    courtyard = fields.pop("courtyard", None)
    keys = place_keys(community=community, courtyard=courtyard, model=SpecialFamily)
    keys.pop("station")
    family = SpecialFamily(head_name=head_name, reason=reason, assigned_worker=assigned_worker, **keys, **fields)
    if not permissions.can(by, Action.FIELD, community) or not permissions.can(assigned_worker, Action.FIELD, family_place(family)):
        raise PermissionDenied
    family.full_clean()
    family.save()
    return family


def family_place(family: SpecialFamily):
    return family.courtyard if family.courtyard_id else family.community


@transaction.atomic
def special_family_grant(*, family: SpecialFamily, user, by, manage: bool = False) -> None:
    """Open a case file to a staff member of its place; only who manages the case may do so."""
    if not permissions.can(by, Action.MANAGE, family):
        raise PermissionDenied
    if not _may_be_granted(user, family):
        raise ValidationError(_("Case files can be opened only to staff of the family's community."))
    assign_perm("activities.view_specialfamily", user, family)
    if manage:
        assign_perm("activities.manage_specialfamily", user, family)


def _may_be_granted(user, family: SpecialFamily) -> bool:
    """Staff of the family's community, or the grid worker of its courtyard (their grid reaches the courtyard only)."""
    if permissions.holds_role(user, STAFF_ROLES) and permissions.can(user, Action.VIEW, family.community):
        return True
    return (
        family.courtyard is not None
        and permissions.holds_role(user, {Role.GRID_WORKER})
        and permissions.can(user, Action.VIEW, family.courtyard)
    )


def _require_manage(by, family: SpecialFamily) -> None:
    if not permissions.can(by, Action.MANAGE, family):
        raise PermissionDenied


@transaction.atomic
def case_note_add(*, family: SpecialFamily, by, text: str) -> CaseNote:
    _require_manage(by, family)
    note = CaseNote(family=family, author=by, text=text.strip())
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def help_record_add(
    *, family: SpecialFamily, by, description: str, given_on: date, activity: Activity | None = None, helper_kind: str = ""
) -> HelpRecord:
    """Record help given to a family; who gave it (`helper_kind`) defaults to the activity's organiser, else the community."""
    _require_manage(by, family)
    if activity is not None and activity.community_id != family.community_id:
        raise ValidationError(_("The activity is not in the family's community."))
    keys = {"community_id": family.community_id, "street_id": family.street_id, "district_id": family.district_id}
    record = HelpRecord(family=family, activity=activity, given_on=given_on, description=description, recorded_by=by, **keys)
    record.helper_kind = helper_kind or _helper_of(activity)
    record.full_clean()
    record.save()
    return record


def _helper_of(activity: Activity | None) -> str:
    """An enterprise's or an association's activity is their help; anything else the community's."""
    kind = activity.organiser.kind if activity is not None and activity.organiser_id else ""
    return {OrganiserKind.ENTERPRISE: HelperKind.ENTERPRISE, OrganiserKind.ASSOCIATION: HelperKind.ASSOCIATION}.get(
        kind, HelperKind.COMMUNITY
    )


# --- reference data (admin and seed) ---------------------------------------------------


def _node_keys(node) -> dict:
    """Keys of an organiser or project hung on a street or a community."""
    return tree_services.ancestor_values(Organiser, node)


@transaction.atomic
def organiser_create(*, node, name: str, kind: str, code: str = "") -> Organiser:
    organiser = Organiser(name=name, kind=kind, code=code, **_node_keys(node))
    organiser.full_clean()
    organiser.save()
    return organiser


BODY_KINDS = {Association: OrganiserKind.ASSOCIATION, Committee: OrganiserKind.COMMITTEE, Enterprise: OrganiserKind.ENTERPRISE}


@transaction.atomic
def organiser_for(*, body: Association | Committee | Enterprise) -> Organiser:
    """The organiser standing for an association, committee or enterprise, created or brought in step with it.

    A stand-in typed in before the body existed (same kind and code) is linked rather than duplicated.
    """
    kind = BODY_KINDS[type(body)]
    organiser = (
        Organiser.objects.select_for_update().filter(**{kind: body}).first()
        or Organiser.objects.select_for_update().filter(kind=kind, code=body.code, **{f"{kind}__isnull": True}).exclude(code="").first()
        or Organiser(kind=kind)
    )
    place = body.community if body.community_id else body.street
    fields = {kind: body, "name": body.name, "code": body.code, **_node_keys(place)}
    if organiser.pk and all(getattr(organiser, field) == value for field, value in fields.items()):
        return organiser
    for field, value in fields.items():
        setattr(organiser, field, value)
    organiser.full_clean()
    try:
        with transaction.atomic():
            organiser.save()
    except IntegrityError:  # another request linked the body first
        return Organiser.objects.get(**{kind: body})
    return organiser


@transaction.atomic
def station_create(*, community, code: str, name: str, address: str = "", courtyard=None) -> ServiceStation:
    keys = place_keys(community=community, courtyard=courtyard, model=ServiceStation)
    keys.pop("station")
    station = ServiceStation(code=code, name=name, address=address, **keys)
    station.full_clean()
    station.save()
    return station


@transaction.atomic
def project_create(*, node, organiser: Organiser, **fields) -> Project:
    project = Project(organiser=organiser, **_node_keys(node), **fields)
    project.full_clean()
    project.save()
    return project
