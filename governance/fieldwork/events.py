"""Writes of events found in the field 事件: each becomes a request of source 网格上报, filed by the grid worker
on behalf of the place and routed like any other, or is resolved on the spot 就地解决 and closed at once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from courtyards import services as tree_services
from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.requests import services as request_services
from governance.requests.choices import Source

from .models import FieldEvent

# A field event lies in a grid: at a courtyard, a building or a unit, never a whole community.
EVENT_LEVELS = ("courtyard", "building", "unit")
TITLE_LENGTH = 30


@transaction.atomic
def field_event_file(
    *,
    worker,
    category,
    place,
    text: str,
    idempotency_key=None,
    patrol=None,
    visit=None,
    kind: str = "",
    photo_files=(),
    on_spot_note: str = "",
    on_spot_photos=(),
) -> FieldEvent:
    """File what `worker` found at `place` as a request (and, with `on_spot_note`, resolve it there and then).

    A resubmission with the same key answers the event it already made; nothing is written when refused."""
    if idempotency_key is not None and (done := FieldEvent.objects.filter(idempotency_key=idempotency_key).first()):
        if done.reported_by_id != worker.pk:
            raise ValidationError(_("This form was already sent by someone else; open a new one."))
        return done
    _check(worker=worker, place=place, patrol=patrol, visit=visit)
    request = request_services.request_submit(
        resident=worker,
        filed_by=worker,  # the reporter on behalf of the place: nobody's personal request
        category=category,
        place=place,
        title=_title(text),
        text=text,
        public=False,
        source=Source.GRID,
        photo_files=photo_files,
    )
    if on_spot_note.strip():
        request_services.request_resolve_on_spot(request=request, by=worker, note=on_spot_note, photo_files=on_spot_photos)
    on_spot = bool(on_spot_note.strip())
    return _event_record(
        request=request, worker=worker, place=place, origin=(patrol, visit), kind=kind, key=idempotency_key, on_spot=on_spot
    )


def _check(*, worker, place, patrol, visit) -> None:
    """The place must lie in the worker's area (their grid) and the patrol or visit be their own."""
    if getattr(place, "level", None) not in EVENT_LEVELS or not permissions.can(worker, Action.FIELD, place):
        raise ValidationError({"place": _("Choose a courtyard, building or unit of your grid.")})
    if patrol is not None and visit is not None:
        raise ValidationError(_("An event is found on a patrol or on a visit, not both."))
    origin = patrol or visit
    if origin is not None and origin.worker_id != worker.pk:
        raise ValidationError(_("Choose one of your own patrols or visits."))


def _event_record(*, request, worker, place, origin: tuple, kind: str, key, on_spot: bool) -> FieldEvent:
    event = FieldEvent(
        idempotency_key=key,
        patrol=origin[0],
        visit=origin[1],
        request=request,
        kind=kind,
        reported_by=worker,
        resolved_on_spot=on_spot,
        note=request.text,
        **tree_services.ancestor_values(FieldEvent, place),
    )
    event.full_clean()
    event.save()
    return event


def _title(text: str) -> str:
    """The request's title: the first line of what the worker wrote, shortened."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first[:TITLE_LENGTH] or _("Found on a grid patrol")


def place_default(*, patrol=None, visit=None):
    """The place an event is filed at when the worker does not choose: the visited household's unit, or the
    first courtyard the patrol covered."""
    if visit is not None:
        return visit.household.unit
    if patrol is not None:
        covered = patrol.covered.select_related("courtyard").order_by("pk").first()
        return covered.courtyard if covered else None
    return None
