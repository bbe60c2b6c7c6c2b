"""Writes to requests. Every change locks the request row, asks the workflow, and records a timeline event."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courtyards import services as tree_services
from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.core import node_cache, stored_text

from . import notify, timeline
from .choices import OPEN_STATUSES, RESIDENT_EVENT_KINDS, EventKind, Source, Status
from .clock import warnings
from .clock.pauses import open_pause, pause_end
from .dispatch import routing
from .intake import photos
from .models import Category, Request, TimelineEvent
from .oversight import callbacks
from .workflow import rules as workflow

MAX_PHOTOS = 5

PLACE_LEVELS = ("unit", "building", "courtyard", "community")


def place_fields(place) -> dict:
    """The request's place keys from the most precise node given (a unit, building, courtyard or community)."""
    level = getattr(place, "level", None)
    if level not in PLACE_LEVELS:
        raise ValidationError({"place": _("Choose a unit, building, courtyard or community.")})
    return tree_services.ancestor_values(Request, place)


@transaction.atomic
def request_submit(
    *,
    resident,
    category: Category,
    place,
    title: str,
    text: str,
    public: bool = True,
    photos_public: bool = False,
    reporter_public: bool = False,
    source: str = Source.WEB,
    latitude=None,
    longitude=None,
    address_text: str = "",
    photo_files=(),
    caller=None,
    filed_by=None,
    attributes: dict | None = None,
) -> Request:
    """File a request, route it to its owning body, set its deadlines and record the first event.

    A hotline operator files for someone (`filed_by`): a resident's account or, without one, a `caller`.
    """
    if len(photo_files) > MAX_PHOTOS:
        raise ValidationError({"photos": _("At most %(n)s photos per request.") % {"n": MAX_PHOTOS}})
    photos.photos_check(photo_files)  # their sizes together, before any is decoded
    cleaned_photos = [photos.photo_clean(upload) for upload in photo_files]  # every check before any write
    if not category.active:
        raise ValidationError({"category": _("This category is no longer in use.")})
    now = timezone.now()
    request = Request(
        resident=resident,
        caller=caller,
        filed_by=filed_by,
        category=category,
        title=title.strip(),
        text=text.strip(),
        public=public,
        photos_public=photos_public,
        reporter_public=reporter_public,
        source=source,
        latitude=latitude,
        longitude=longitude,
        address_text=address_text,
        attributes=attributes or {},
        **deadlines_from(now, category),
        number="pending",
        **place_fields(place),
    )
    owner = routing.route(category=request.category, community=request.community, courtyard=request.courtyard)
    routing.owner_apply(request, owner)
    # Routed to the body its rule names: dispatched now. Taken by the level above (no such body here): it waits
    # for the dispatcher's 派单, and its deadlines start again then (the ones set now bound the dispatcher's wait).
    request.dispatched_at = None if owner.note else now
    warnings.warn_times_set(request, now)
    request.full_clean(exclude=["number"])
    request.save()
    request.number = f"CH-{timezone.localdate(now).year}-{request.pk:06d}"
    request.save(update_fields=["number"])
    for cleaned in cleaned_photos:
        photos.photo_attach(request=request, cleaned=cleaned)
    event = event_record(
        request=request,
        kind=EventKind.SUBMITTED,
        actor=filed_by or resident,
        to_status=Status.SUBMITTED,
        message=timeline.with_headline(None, timeline.filed_headline(request)),
        to_unit=owner_unit(request),
    )
    if owner.note:
        event_record(request=request, kind=EventKind.ROUTED, note=owner.note)
    notify.submitted(request, event)
    notify.followers_told(request=request)  # residents who follow the community's feed
    return request


def deadlines_from(start, category: Category) -> dict:
    """The judged deadlines and the owner's working deadlines, all counted from `start` (the dispatch)."""
    accept, resolve = start + timedelta(hours=category.accept_hours), start + timedelta(hours=category.resolve_hours)
    return {"accept_due_at": accept, "resolve_due_at": resolve, "owner_accept_due_at": accept, "owner_resolve_due_at": resolve}


def stored(message, **params) -> dict:
    """A text for the timeline, kept as its msgid (a gettext_lazy or gettext_noop string) and raw parameters:
    each reader reads it in their own language (governance.core.stored_text)."""
    return stored_text.message(message, **params)


def event_record(
    *,
    request: Request,
    kind: str,
    actor=None,
    from_status: str = "",
    to_status: str = "",
    note: str | dict = "",
    message: dict | None = None,
    public: bool = True,
    from_unit: tuple = (None, None),
    to_unit: tuple = (None, None),
) -> TimelineEvent:
    """`note` is what a person wrote, `message` the portal's own words (`stored`); a note given as a stored
    text is taken as the message. `from_unit` and `to_unit` are (committee, department) pairs: the unit the
    request left and came to."""
    if isinstance(note, dict):
        message, note = note, ""
    figures_changed(request=request)
    event = TimelineEvent.objects.create(
        request=request,
        kind=kind,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note,
        message=message or {},
        public=public,
        from_committee=from_unit[0],
        from_department=from_unit[1],
        to_committee=to_unit[0],
        to_department=to_unit[1],
    )
    if public and event.text and kind not in RESIDENT_EVENT_KINDS and (actor is None or actor.pk != request.resident_id):
        public_note_keep(request=request, event=event)
    return event


def public_note_keep(*, request: Request, event: TimelineEvent) -> None:
    """The last public staff note, kept on the row for Open311's status_notes; a new note is a change of the request."""
    with translation.override(settings.LANGUAGE_CODE):  # Open311 clients send no language: the portal's
        text = event.text
    kept = {"public_note": text, "public_note_at": event.created_at, "updated_at": event.created_at}
    Request.objects.filter(pk=request.pk).update(**kept)
    for field, value in kept.items():
        setattr(request, field, value)


def figures_changed(*, request: Request) -> None:
    """Every change is a timeline event: the cached figures of the request's node and its ancestors go with it."""
    node_cache.nodes_changed({level: getattr(request, path) for level, path in request.tree_paths.items()})


def owner_unit(request: Request) -> tuple:
    """The (committee, department) owning the request, as event_record takes it."""
    return request.owner_committee, request.owner_department


# --- the workflow: every status change goes through status_move ---------------------------------


def _lock(request: Request) -> Request:
    """The request row, locked until the transaction ends: a second officer acting at once waits, then sees the new state."""
    locked = Request.objects.select_for_update(of=("self",))  # the request row only, not its category or community
    return locked.select_related("category", "community", "resident").get(pk=request.pk)


lock = _lock  # for the sub-packages' services (dispatch)


def status_move(
    *,
    request: Request,
    to: str,
    by: str,
    actor=None,
    note: str | dict = "",
    message: dict | None = None,
    kind: str = EventKind.STATUS,
    tell: bool = True,
) -> TimelineEvent:
    """Apply one transition of the workflow table to a locked request, record it and tell the resident (unless `tell`
    is False: a caller that moves a request several steps for one cause tells them once).
    `note` is a person's words, `message` the portal's (`stored`; a note given as one is taken as the message)."""
    if isinstance(note, dict):
        message, note = note, ""
    current = request.status
    if not workflow.allowed(current, to, by):
        raise ValidationError(
            _("A request that is “%(current)s” cannot become “%(target)s”.")
            % {"current": Status(current).label, "target": Status(to).label}
        )
    if to in workflow.NEEDS_NOTE and not note.strip():
        raise ValidationError({"note": workflow.NEEDS_NOTE[to]})
    now = timezone.now()
    if to not in OPEN_STATUSES and (pause := open_pause(request)) is not None:
        pause_end(request, pause, now)  # resolved or closed while paused: the clock stopped until now
    request.status = to
    if to == Status.ACCEPTED:
        request.accepted_at = now
    elif to == Status.RESOLVED:
        request.resolved_at = now
    elif to in {Status.CLOSED, Status.REJECTED, Status.MERGED}:
        request.closed_at = now
    elif to == Status.REOPENED:  # the owner gets time to work again; the judged deadline stays (a reopen is no fresh start)
        request.owner_resolve_due_at = now + timedelta(hours=request.category.resolve_hours)
    request.full_clean(exclude=["number"])
    request.save()
    message = timeline.with_headline(message, timeline.move_headline(request=request, to=to, by=by, kind=kind))
    event = event_record(request=request, kind=kind, actor=actor, from_status=current, to_status=to, note=note.strip(), message=message)
    if to != current and tell:
        notify.status_changed(request, event)
    if to == Status.CLOSED:
        callbacks.callback_after_close(request=request)
    return event


def _require_handler(user, request: Request) -> None:
    if not workflow.may_handle(user, request):
        raise ValidationError(_("You may not handle this request."))


@transaction.atomic
def request_accept(*, request: Request, by, note: str = "") -> Request:
    request = _lock(request)
    _require_handler(by, request)
    status_move(request=request, to=Status.ACCEPTED, by="staff", actor=by, note=note)
    return request


@transaction.atomic
def request_assign(*, request: Request, by, assignee, note: str = "") -> Request:
    """Give the request to a staff member or field worker whose area covers it (a submitted one is accepted first)."""
    request = _lock(request)
    _require_handler(by, request)
    if assignee is None or not permissions.can(assignee, Action.FIELD, request) or not permissions.is_staff_member(assignee):
        raise ValidationError({"assignee": _("Choose a staff member whose area covers this request.")})
    if workflow.accepted_first(request.status, Status.ASSIGNED):
        status_move(request=request, to=Status.ACCEPTED, by="staff", actor=by)
    request.assignee = assignee
    event = status_move(request=request, to=Status.ASSIGNED, by="staff", actor=by, note=note, kind=EventKind.ASSIGNED)
    notify.assigned(request, event)
    return request


@transaction.atomic
def request_start(*, request: Request, by, note: str = "") -> Request:
    request = _lock(request)
    _require_handler(by, request)
    status_move(request=request, to=Status.IN_PROGRESS, by="staff", actor=by, note=note)
    return request


@transaction.atomic
def request_resolve(*, request: Request, by, note: str) -> Request:
    request = _lock(request)
    _require_handler(by, request)
    if not note.strip():
        raise ValidationError({"note": _("Say what was done, so the resident can confirm it.")})
    status_move(request=request, to=Status.RESOLVED, by="staff", actor=by, note=note)
    return request


@transaction.atomic
def request_reject(*, request: Request, by, reason: str) -> Request:
    request = _lock(request)
    _require_handler(by, request)
    status_move(request=request, to=Status.REJECTED, by="staff", actor=by, note=reason)
    return request


@transaction.atomic
def request_merge(*, request: Request, into: Request, by, note: str = "") -> Request:
    """A duplicate joins an open request of the same community; its reporter and supporters are told where to follow it."""
    if into.pk == request.pk:
        raise ValidationError({"into": _("A request cannot be merged into itself.")})
    first, second = sorted([request, into], key=lambda r: r.pk)  # lock in one order: no deadlock between two merges
    locked = {r.pk: _lock(r) for r in (first, second)}
    request, into = locked[request.pk], locked[into.pk]
    _require_handler(by, request)
    if into.status not in OPEN_STATUSES or into.community_id != request.community_id:
        raise ValidationError({"into": _("Merge only into an open request of the same community.")})
    request.merged_into = into
    text = note.strip() or stored(gettext_lazy("Merged into %(number)s."), number=into.number)
    event = status_move(request=request, to=Status.MERGED, by="staff", actor=by, note=text, kind=EventKind.MERGED)
    supporters = [support.user for support in request.supports.select_related("user").exclude(user=request.resident)]
    notify.status_changed(request, event, recipients=supporters)
    event_record(
        request=into,
        kind=EventKind.MERGED,
        actor=by,
        note=stored(gettext_lazy("%(number)s was merged into this request."), number=request.number),
    )
    return request


@transaction.atomic
def request_note(*, request: Request, by, note: str, public: bool = False) -> TimelineEvent:
    request = _lock(request)
    if not workflow.may_note(by, request):
        raise ValidationError(_("You may not handle this request."))
    if not note.strip():
        raise ValidationError({"note": _("Write a note.")})
    return event_record(request=request, kind=EventKind.NOTE, actor=by, note=note.strip(), public=public)


@transaction.atomic
def requests_bulk_assign(*, requests, by, assignee, note: str = "") -> int:
    """Assign several requests at once: all of them, or (on any refusal) none."""
    count = 0
    for request in requests.order_by("pk"):
        try:
            request_assign(request=request, by=by, assignee=assignee, note=note)
        except ValidationError as error:
            raise ValidationError(f"{request.number}: {' '.join(error.messages)}") from error
        count += 1
    return count


# --- the resident's side -------------------------------------------------------------------


def _require_reporter(user, request: Request) -> None:
    if request.resident_id != user.pk:
        raise ValidationError(_("Only the resident who submitted the request can do this."))


@transaction.atomic
def request_confirm(*, request: Request, by, rating: int, comment: str = "") -> Request:
    """The resident confirms the outcome and rates it; closing opens the callback 回访 (always after a rating of 1-2)."""
    request = _lock(request)
    _require_reporter(by, request)
    if rating not in range(1, 6):
        raise ValidationError({"rating": _("Rate from 1 to 5.")})
    request.rating, request.rating_comment = rating, comment.strip()
    status_move(request=request, to=Status.CLOSED, by="resident", actor=by, note=comment, kind=EventKind.RATED)
    return request


@transaction.atomic
def request_reopen(*, request: Request, by, reason: str) -> Request:
    request = _lock(request)
    _require_reporter(by, request)
    if not reason.strip():
        raise ValidationError({"reason": _("Say what is still wrong.")})
    if not workflow.resident_may_reopen(request):
        raise ValidationError(_("A request can be reopened only within 7 days of its resolution."))
    status_move(request=request, to=Status.REOPENED, by="resident", actor=by, note=reason, kind=EventKind.REOPENED)
    return request


# --- 就地解决: a grid worker's report of what they fixed on the spot -------------------------------


@transaction.atomic
def request_resolve_on_spot(*, request: Request, by, note: str, photo_files=()) -> Request:
    """The staff's steps to resolved, taken at once by the grid worker who filed it, with their note and photos,
    then closed: the reporter is the one who fixed it, so nobody else is to confirm (workflow.may_resolve_on_spot)."""
    request = _lock(request)
    if not workflow.may_resolve_on_spot(by, request):
        raise ValidationError(_("You may not handle this request."))
    if not note.strip():
        raise ValidationError({"note": _("Say what was done on the spot.")})
    photos.photos_check(photo_files)
    cleaned_photos = [photos.photo_clean(upload) for upload in photo_files]
    for step in workflow.path_to(request.status, Status.RESOLVED)[:-1]:
        status_move(request=request, to=step, by="staff", actor=by, tell=False)
    for cleaned in cleaned_photos:
        photos.photo_attach(request=request, cleaned=cleaned)
    status_move(request=request, to=Status.RESOLVED, by="staff", actor=by, note=note, tell=False)
    closing = stored(gettext_lazy("Resolved on the spot by the grid worker who found it; closed without a confirmation."))
    status_move(request=request, to=Status.CLOSED, by="system", note=closing, tell=False)
    return request
