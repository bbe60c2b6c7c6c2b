"""Who is told what about a request. Called inside the service's transaction, so the
notification row commits (or not) with the change that caused it."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from governance.accounts.choices import Role
from governance.accounts.models import RoleAssignment, User
from governance.notifications import kinds
from governance.notifications.services import notification_create

from .choices import OwnerBody, Status
from .models import Request, TimelineEvent

kinds.register(
    "requests.submitted",
    title=_("We received your request %(number)s"),
    body=_("“%(title)s” went to %(owner)s. You will be told of every step."),
)
kinds.register("requests.status", title=_("Your request %(number)s: %(status)s"), body=_("“%(title)s”. %(note)s"))
kinds.register("requests.assigned", title=_("Request %(number)s is assigned to you"), body=_("“%(title)s”, %(place)s."))
kinds.register("requests.escalated", title=_("Overdue request %(number)s now rests with %(owner)s"), body=_("“%(title)s”, %(place)s."))
kinds.register("requests.supervised", title=_("Request %(number)s is under supervision"), body=_("“%(title)s”. %(note)s"))
kinds.register("requests.paused", title=_("Your request %(number)s is paused"), body=_("“%(title)s”: we are waiting for you. %(note)s"))
kinds.register("requests.resumed", title=_("Work on your request %(number)s goes on"), body=_("“%(title)s”. %(note)s"))
kinds.register(
    "requests.due_soon", title=_("Request %(number)s is due %(due)s"), body=_("“%(title)s”, %(place)s: act before the deadline.")
)
kinds.register("requests.callback", title=_("Call back about request %(number)s"), body=_("The resident rated it %(rating)s of 5."))

# Which role on which node speaks for each owning body.
OWNER_STAFF = {
    OwnerBody.COURTYARD_GROUP: (Role.COMMUNITY_STAFF, "community"),
    OwnerBody.COMMITTEE: (Role.COMMUNITY_STAFF, "community"),
    OwnerBody.COMMUNITY: (Role.COMMUNITY_STAFF, "community"),
    OwnerBody.STREET: (Role.STREET_STAFF, "street"),
    OwnerBody.DISTRICT: (Role.DISTRICT_ADMIN, "district"),
}


def _params(request: Request, **extra) -> dict:
    return {"number": request.number, "title": request.title, "owner": request.owner_label, "place": request.community.name, **extra}


def _send(*, request: Request, event: TimelineEvent, recipient, kind: str, staff_link: bool = False, sms: bool = False, **extra) -> None:
    name = "requests:staff_detail" if staff_link else "requests:detail"
    with translation.override(settings.LANGUAGE_CODE):
        params = {key: str(value) for key, value in _params(request, **extra).items()}
    notification_create(
        recipient=recipient,
        kind=kind,
        key=f"request:{request.number}:{event.pk}:{recipient.pk}",
        params=params,
        link=reverse(name, kwargs={"number": request.number}),
        sms=sms,
    )


def submitted(request: Request, event: TimelineEvent) -> None:
    _send(request=request, event=event, recipient=request.resident, kind="requests.submitted")


def status_changed(request: Request, event: TimelineEvent, recipients=None) -> None:
    """The reporter (and, for a merge, the supporters) hear of every status change, by SMS too."""
    status = Status(event.to_status).label
    for user in recipients or [request.resident]:
        _send(request=request, event=event, recipient=user, kind="requests.status", status=status, note=event.note, sms=True)


def assigned(request: Request, event: TimelineEvent) -> None:
    if request.assignee_id:
        _send(request=request, event=event, recipient=request.assignee, kind="requests.assigned", staff_link=True)


def owner_staff(request: Request):
    """Staff who speak for the request's current owner, e.g. 双桥子街道's street staff."""
    return staff_of(request, request.owner_body)


def staff_of(request: Request, body: str):
    """Staff who speak for a body of the request's kind at its place (the owner, or the level above it)."""
    role, level = OWNER_STAFF[OwnerBody(body)]
    node_id = getattr(request, f"{level}_id")
    return User.objects.filter(
        pk__in=RoleAssignment.objects.filter(role=role, level=level, **{f"{level}_id": node_id}).values("user_id"), is_active=True
    )


def escalated(request: Request, event: TimelineEvent) -> None:
    for user in owner_staff(request):
        _send(request=request, event=event, recipient=user, kind="requests.escalated", staff_link=True)


def supervised(request: Request, event: TimelineEvent) -> None:
    for user in owner_staff(request):
        _send(request=request, event=event, recipient=user, kind="requests.supervised", staff_link=True, note=event.note)


def callback_opened(request: Request, event: TimelineEvent) -> None:
    staff = User.objects.filter(
        pk__in=RoleAssignment.objects.filter(role=Role.COMMUNITY_STAFF, level="community", community_id=request.community_id).values(
            "user_id"
        )
    )
    for user in staff:
        _send(request=request, event=event, recipient=user, kind="requests.callback", staff_link=True, rating=request.rating)


def paused(request: Request, event: TimelineEvent) -> None:
    """The resident is told what the handlers wait for (by SMS too: they are the one who can unblock it)."""
    _send(request=request, event=event, recipient=request.resident, kind="requests.paused", note=event.note, sms=True)


def resumed(request: Request, event: TimelineEvent) -> None:
    _send(request=request, event=event, recipient=request.resident, kind="requests.resumed", note=event.note)


def deadline_warning(request: Request, *, due, key: str) -> None:
    """超时预警 to the owner's staff, once per deadline (the key names the deadline)."""
    with translation.override(settings.LANGUAGE_CODE):
        params = {k: str(v) for k, v in _params(request, due=formats.date_format(timezone.localtime(due), "DATETIME_FORMAT")).items()}
    for user in owner_staff(request):
        notification_create(
            recipient=user,
            kind="requests.due_soon",
            key=f"request:{request.number}:{key}:{user.pk}",
            params=params,
            link=reverse("requests:staff_detail", kwargs={"number": request.number}),
        )
