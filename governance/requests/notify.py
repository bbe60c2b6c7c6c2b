"""Who is told what about a request. Called inside the service's transaction, so the
notification row commits (or not) with the change that caused it."""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from governance.accounts.choices import Role
from governance.accounts.models import RoleAssignment, User
from governance.core import stored_text
from governance.core.sms import sms_send
from governance.notifications import kinds
from governance.notifications.choices import Timing
from governance.notifications.selectors import timings_chosen
from governance.notifications.services import notification_create

from .choices import OwnerBody, Satisfaction, Source, Status
from .dispatch.selectors import owner_handlers
from .models import FeedFollow, Request, TimelineEvent

# Notifications keep codes and raw values (governance.core.stored_text): each reader reads them in their language.
stored_text.register_choices("requests.status", Status)
stored_text.register_choices("requests.satisfaction", Satisfaction)

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
kinds.register("requests.dispatched", title=_("Request %(number)s is now with %(owner)s"), body=_("“%(title)s”, %(place)s. %(note)s"))
kinds.register(
    "requests.cohandling",
    title=_("Your unit co-handles request %(number)s"),
    body=_("“%(title)s”, %(place)s, owned by %(owner)s. %(note)s"),
)
kinds.register("requests.cohandling_ended", title=_("Your unit no longer co-handles request %(number)s"), body=_("“%(title)s”. %(note)s"))
kinds.register("requests.returned", title=_("Request %(number)s was returned"), body=_("“%(title)s”, %(place)s. %(note)s"))
kinds.register(
    "requests.due_soon", title=_("Request %(number)s is due %(due)s"), body=_("“%(title)s”, %(place)s: act before the deadline.")
)
kinds.register("requests.callback", title=_("Call back about request %(number)s"), body=_("The resident rated it %(rating)s of 5."))
kinds.register(
    "requests.callback_due",
    title=_("Call back about request %(number)s"),
    body=_("“%(title)s” is closed: call the resident and record what they say."),
)
FEED_NEW = "requests.feed_new"
kinds.register(
    FEED_NEW,
    title=_("New request in %(community)s"),
    body=_("%(category)s: %(title)s"),
)
QUEUE_NEW = "requests.queue_new"
QUEUE_DIGEST = "requests.queue_digest"
kinds.register(QUEUE_NEW, title=_("New request %(number)s in your queue"), body=_("“%(title)s”, %(place)s, owned by %(owner)s."))
kinds.register(QUEUE_DIGEST, title=_("New requests in your queue on %(day)s: %(count)s"), body=_("The newest: %(newest)s"))
kinds.register(
    "requests.need",
    title=_("Your request %(number)s goes to %(committee)s"),
    body=_("“%(title)s” is now part of the need “%(need)s”, with you as a supporter."),
)
kinds.register(
    "requests.need_resolved",
    title=_("Your request %(number)s is resolved: %(committee)s carried out the need"),
    body=_("“%(need)s”: %(result)s Please confirm the outcome, or reopen the request within 7 days."),
)
kinds.register(
    "requests.need_carried_out",
    title=_("The need your request %(number)s became was carried out"),
    body=_("%(committee)s carried out “%(need)s”: %(result)s"),
)
kinds.register("requests.extension_asked", title=_("Request %(number)s: more time is asked"), body=_("“%(title)s”, %(place)s. %(note)s"))
kinds.register("requests.extension_decided", title=_("Request %(number)s: extension %(decision)s"), body=_("“%(title)s”. %(note)s"))
kinds.register("requests.supervision_reply", title=_("The owner answered your supervision of %(number)s"), body=_("“%(title)s”. %(note)s"))

CALLER_SUBMITTED = _(
    "Chenghua portal: we received your request “%(title)s”, tracking number %(number)s. "
    "Follow it at %(track)s with this number and your phone."
)
CALLER_OUTCOME = _("Chenghua portal: your request “%(title)s” (%(number)s) is %(status)s. %(note)s Details at %(track)s")
CALLER_PAUSED = _("Chenghua portal: your request “%(title)s” (%(number)s) is paused: we are waiting for you. %(note)s")
# A caller has no account, hence no notifications: the SMS tells them how it ended (each step is on the tracking page).
CALLER_TOLD_OF = frozenset({Status.RESOLVED, Status.CLOSED, Status.REJECTED, Status.MERGED})
SMS_NOTE_CHARS = 70  # one SMS segment of Chinese text; the whole note is on the tracking page

# Which role on which node speaks for each owning body.
OWNER_STAFF = {
    OwnerBody.COURTYARD_GROUP: (Role.COMMUNITY_STAFF, "community"),
    OwnerBody.COMMITTEE: (Role.COMMUNITY_STAFF, "community"),
    OwnerBody.COMMUNITY: (Role.COMMUNITY_STAFF, "community"),
    OwnerBody.STREET: (Role.STREET_STAFF, "street"),
    OwnerBody.DISTRICT: (Role.DISTRICT_ADMIN, "district"),
    OwnerBody.DEPARTMENT: (Role.STREET_STAFF, "street"),
}


def _params(request: Request, **extra) -> dict:
    return {"number": request.number, "title": request.title, "owner": request.owner_name, "place": request.community.name, **extra}


def event_note(event: TimelineEvent) -> list:
    """The event's text as a notification parameter: the portal's message (rendered when read) and the person's note."""
    return [event.message, event.note]


def _send(*, request: Request, event, recipient, kind: str, staff_link: bool = False, sms: bool = False, key: str = "", **extra) -> None:
    """One notification about `request`: once per event and recipient, or once per `key` when a cause spans requests."""
    name = "requests:staff_detail" if staff_link else "requests:detail"
    notification_create(
        recipient=recipient,
        kind=kind,
        key=key or f"request:{request.number}:{event.pk}:{recipient.pk}",
        params=_params(request, **extra),
        link=reverse(name, kwargs={"number": request.number}),
        sms=sms,
    )


def submitted(request: Request, event: TimelineEvent) -> None:
    """The reporter hears the tracking number; one who phoned it in by SMS (a caller without an account only so).
    The owner's staff who take new requests at once hear of it now (the others in their daily digest)."""
    by_phone = request.source == Source.HOTLINE
    if request.resident_id:
        _send(request=request, event=event, recipient=request.resident, kind="requests.submitted", sms=by_phone)
    elif request.caller_id:
        caller_sms(request=request, text=CALLER_SUBMITTED, key=f"request:{request.number}:caller")
    queue_told(request, event)


def queue_staff(request: Request) -> list[User]:
    """The staff in whose queue a new request lands: those who speak for its owner, not whoever filed it."""
    filers = {request.resident_id, request.filed_by_id}
    return [user for user in owner_staff(request) if user.pk not in filers]


def queue_told(request: Request, event: TimelineEvent) -> None:
    staff = queue_staff(request)
    timings = timings_chosen(user_ids=[user.pk for user in staff], kind=QUEUE_NEW)
    for user in staff:
        if timings[user.pk] == Timing.AT_ONCE:
            _send(request=request, event=event, recipient=user, kind=QUEUE_NEW, staff_link=True)


def queue_digest(user: User, *, day, count: int, newest) -> None:
    """The day's new requests of the person's queue in one notification: exactly one per person per day (the key)."""
    params = {
        "day": day.isoformat(),
        "count": str(count),
        "newest": "; ".join(f"{r.number} {Truncator(r.title).chars(30)}" for r in newest),
    }
    notification_create(
        recipient=user,
        kind=QUEUE_DIGEST,
        key=f"requests.queue_digest:{user.pk}:{day.isoformat()}",
        params=params,
        link=reverse("requests:queue"),
    )


def track_url() -> str:
    """The tracking page as an absolute link: a text message is read outside the portal."""
    return settings.SITE_URL + reverse("hotline:track")


def caller_sms(*, request: Request, text, key: str, **params) -> None:
    """A caller without an account has no notification rows: the SMS leaves once the request is committed, in the
    portal's language (a caller chose none)."""
    with translation.override(settings.LANGUAGE_CODE):
        params = {name: str(value) for name, value in params.items()}
        body = str(text) % {"number": request.number, "title": request.title, "track": track_url(), **params}
    phone = request.caller.phone
    transaction.on_commit(lambda: sms_send(phone=phone, text=body, key=key))


def _short(event: TimelineEvent) -> str:
    """The event's text for a caller's SMS, in the portal's language, cut to one segment."""
    with translation.override(settings.LANGUAGE_CODE):
        return Truncator(event.text).chars(SMS_NOTE_CHARS)


def status_changed(request: Request, event: TimelineEvent, recipients=None) -> None:
    """The reporter (and, for a merge, the supporters) hear of every status change, by SMS too; a caller
    without an account hears by SMS how it ended."""
    status = stored_text.choice("requests.status", event.to_status)
    for user in recipients or ([request.resident] if request.resident_id else []):
        _send(request=request, event=event, recipient=user, kind="requests.status", status=status, note=event_note(event), sms=True)
    if recipients is None and request.caller_id and not request.resident_id and event.to_status in CALLER_TOLD_OF:
        key = f"request:{request.number}:caller:{event.pk}"
        caller_sms(request=request, text=CALLER_OUTCOME, key=key, status=Status(event.to_status).label, note=_short(event))


def assigned(request: Request, event: TimelineEvent) -> None:
    if request.assignee_id:
        _send(request=request, event=event, recipient=request.assignee, kind="requests.assigned", staff_link=True)


def owner_staff(request: Request):
    """Who speaks for the request's current owner: the people of its body (a committee's chair, a department's
    handlers) and the staff of the level it sits at, e.g. 双桥子街道's street staff."""
    return staff_of(request, request.owner_body, with_handlers=True)


def staff_of(request: Request, body: str, *, with_handlers: bool = False):
    """Staff who speak for a body of the request's kind at its place (the owner, or the level above it)."""
    role, level = OWNER_STAFF[OwnerBody(body)]
    node_id = getattr(request, f"{level}_id")
    staff = RoleAssignment.objects.filter(role=role, level=level, **{f"{level}_id": node_id}).values("user_id")
    handlers = Q(pk__in=owner_handlers(request).values("pk")) if with_handlers else Q(pk__in=[])
    return User.objects.filter(Q(pk__in=staff) | handlers, is_active=True)


def escalated(request: Request, event: TimelineEvent) -> None:
    for user in owner_staff(request):
        _send(request=request, event=event, recipient=user, kind="requests.escalated", staff_link=True)


def dispatched(request: Request, event: TimelineEvent) -> None:
    """派单 or 转办: the people of the unit that now owns the request are told."""
    for user in owner_staff(request):
        _send(request=request, event=event, recipient=user, kind="requests.dispatched", staff_link=True, note=event_note(event))


def returned(request: Request, event: TimelineEvent) -> None:
    """退单: the dispatcher's staff (the community's, to whom it came back) are told."""
    for user in owner_staff(request):
        _send(request=request, event=event, recipient=user, kind="requests.returned", staff_link=True, note=event_note(event))


def cohandling(request: Request, event: TimelineEvent, *, people, ended: bool) -> None:
    """协办 added or ended: the people of that unit are told (they see the request while it lasts)."""
    kind = "requests.cohandling_ended" if ended else "requests.cohandling"
    for user in people:
        _send(request=request, event=event, recipient=user, kind=kind, staff_link=True, note=event_note(event))


def supervised(request: Request, event: TimelineEvent) -> None:
    for user in owner_staff(request):
        _send(request=request, event=event, recipient=user, kind="requests.supervised", staff_link=True, note=event_note(event))


def supervision_replied(request: Request, event: TimelineEvent, *, supervisor) -> None:
    """The officer who issued the 督办 reads the owner's reply."""
    _send(request=request, event=event, recipient=supervisor, kind="requests.supervision_reply", staff_link=True, note=event_note(event))


def callback_opened(request: Request, event: TimelineEvent, *, reason: str = "low_rating") -> None:
    """Community staff make the callbacks 回访 of their community's requests."""
    staff = User.objects.filter(
        pk__in=RoleAssignment.objects.filter(role=Role.COMMUNITY_STAFF, level="community", community_id=request.community_id).values(
            "user_id"
        ),
        is_active=True,
    )
    kind = "requests.callback" if reason == "low_rating" else "requests.callback_due"
    for user in staff:
        _send(request=request, event=event, recipient=user, kind=kind, staff_link=True, rating=request.rating)


def paused(request: Request, event: TimelineEvent) -> None:
    """The reporter is told what the handlers wait for (by SMS too: they are the one who can unblock it)."""
    if request.resident_id:
        _send(request=request, event=event, recipient=request.resident, kind="requests.paused", note=event_note(event), sms=True)
    elif request.caller_id:
        caller_sms(request=request, text=CALLER_PAUSED, key=f"request:{request.number}:caller:{event.pk}", note=_short(event))


def resumed(request: Request, event: TimelineEvent) -> None:
    if request.resident_id:
        _send(request=request, event=event, recipient=request.resident, kind="requests.resumed", note=event_note(event))


def deadline_warning(request: Request, *, due, key: str) -> None:
    """超时预警 to the owner's staff, once per deadline (the key names the deadline)."""
    params = _params(request, due=stored_text.moment(due))
    for user in owner_staff(request):
        notification_create(
            recipient=user,
            kind="requests.due_soon",
            key=f"request:{request.number}:{key}:{user.pk}",
            params=params,
            link=reverse("requests:staff_detail", kwargs={"number": request.number}),
        )


def followers_told(*, request: Request) -> int:
    """Tell the followers of the request's community that a public request was filed there.

    Call it inside the submitting transaction: each notification is written with it and sent on
    commit. The key makes it idempotent, so calling it twice for one request notifies nobody twice.
    """
    if not request.public:
        return 0
    followers = FeedFollow.objects.filter(community_id=request.community_id).exclude(user_id=request.resident_id).select_related("user")
    category = stored_text.both(zh=request.category.name_zh, en=request.category.name_en)
    params = {"community": request.community.name, "category": category, "title": request.title}
    link = reverse("public_requests:feed", kwargs={"code": request.community.code})
    count = 0
    for follow in followers.iterator():
        key = f"requests.feed:{request.pk}:{follow.user_id}"
        notification_create(recipient=follow.user, kind=FEED_NEW, key=key, params=params, link=link, email=False)
        count += 1
    return count


def need_taken_up(request: Request, event: TimelineEvent, *, need, committee) -> None:
    """The filer hears that their request became part of a body's need, with them as a supporter."""
    if request.resident_id is None:  # a hotline caller has no account
        return
    _send(request=request, event=event, recipient=request.resident, kind="requests.need", need=need.title, committee=committee.name)


def extension_asked(request: Request, event: TimelineEvent, *, deciders) -> None:
    """延期申请: the level above the owner decides, so it is told."""
    for user in deciders:
        _send(request=request, event=event, recipient=user, kind="requests.extension_asked", staff_link=True, note=event_note(event))


def extension_decided(request: Request, event: TimelineEvent, *, asker, approved: bool) -> None:
    """The one who asked hears the decision (and so learns whether the deadline moved)."""
    if asker is None or not asker.is_active:
        return
    decision = stored_text.msgid(gettext_noop("approved") if approved else gettext_noop("refused"))
    _send(
        request=request,
        event=event,
        recipient=asker,
        kind="requests.extension_decided",
        staff_link=True,
        decision=decision,
        note=event_note(event),
    )


def need_carried_out(request: Request, event: TimelineEvent | None, *, need, committee: str, result: str, key: str) -> None:
    """The need the request became was carried out. Its filer hears once (`key`: the need's, which its supporters
    share): that it is resolved for them to confirm (`event`, by SMS too, as a status change is), or, settled
    before, what became of it. A hotline caller without an account hears by SMS how it ended."""
    if request.resident_id is None:
        if event is not None:
            status_changed(request, event)
        return
    kind = "requests.need_carried_out" if event is None else "requests.need_resolved"
    params = {"need": need.title, "committee": committee, "result": result}
    _send(request=request, event=event, recipient=request.resident, kind=kind, key=key, sms=event is not None, **params)
