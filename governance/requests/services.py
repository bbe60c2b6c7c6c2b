"""Writes to requests. Every change locks the request row, asks the workflow, and records a timeline event."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import routing
from .choices import EventKind, Source, Status
from .models import Category, Request, TimelineEvent

PLACE_LEVELS = ("unit", "building", "courtyard", "community")


def place_fields(place) -> dict:
    """The request's place keys from the most precise node given (a unit, building, courtyard or community)."""
    level = getattr(place, "level", None)
    if level not in PLACE_LEVELS:
        raise ValidationError({"place": _("Choose a unit, building, courtyard or community.")})
    fields = {f"{level}_id": place.pk}
    for ancestor in ("building", "courtyard", "community", "street", "district"):
        if ancestor != level and hasattr(place, f"{ancestor}_id"):
            fields[f"{ancestor}_id"] = getattr(place, f"{ancestor}_id")
    return fields


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
) -> Request:
    """File a request, route it to its owning body, set its deadlines and record the first event."""
    if not category.active:
        raise ValidationError({"category": _("This category is no longer in use.")})
    now = timezone.now()
    request = Request(
        resident=resident,
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
        accept_due_at=now + timedelta(hours=category.accept_hours),
        resolve_due_at=now + timedelta(hours=category.resolve_hours),
        number="pending",
        **place_fields(place),
    )
    _route(request)
    request.full_clean(exclude=["number"])
    request.save()
    request.number = f"CH-{timezone.localdate(now).year}-{request.pk:06d}"
    request.save(update_fields=["number"])
    event_record(request=request, kind=EventKind.SUBMITTED, actor=resident, to_status=Status.SUBMITTED)
    return request


def _route(request: Request) -> None:
    body, committee = routing.route(category=request.category, community=request.community, courtyard=request.courtyard)
    request.owner_body, request.committee_type = body, committee
    with translation.override(settings.LANGUAGE_CODE):
        request.owner_label = routing.owner_label(
            body=body, committee_type=committee, community=request.community, courtyard=request.courtyard
        )


def event_record(
    *, request: Request, kind: str, actor=None, from_status: str = "", to_status: str = "", note: str = "", public: bool = True
) -> TimelineEvent:
    return TimelineEvent.objects.create(
        request=request, kind=kind, actor=actor, from_status=from_status, to_status=to_status, note=note, public=public
    )
