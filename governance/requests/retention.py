"""Personal data of requests is kept for three years after closing (PIPL art. 19), then taken out.

The request itself stays, with its category, place, owner, status, dates and rating, so every
figure of the reports stays true; what goes is the link to the person, the coordinates and the
address they typed, the phone numbers in free text, and who supported it. Runs daily from beat,
in batches, and is idempotent: a request already pointing at the placeholder is done.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from governance.accounts.services import user_anonymous_placeholder
from governance.core.privacy import mask_phones_in

from .choices import FINAL_STATUSES
from .models import Callback, Caller, Request, Support, TimelineEvent

BATCH_SIZE = 200
TEXT_FIELDS = ["title", "text", "rating_comment", "public_note"]


def requests_anonymise_old(*, now=None, batch_size: int = BATCH_SIZE) -> int:
    """Anonymise requests closed more than REQUEST_PERSONAL_DATA_YEARS ago; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=round(365.25 * settings.REQUEST_PERSONAL_DATA_YEARS))
    placeholder = user_anonymous_placeholder()
    due = Request.objects.filter(status__in=FINAL_STATUSES, closed_at__lt=cutoff).exclude(resident=placeholder).order_by("pk")
    done = 0
    while ids := list(due.values_list("pk", flat=True)[:batch_size]):
        with transaction.atomic():
            batch = Request.objects.select_for_update().filter(pk__in=ids)
            requests_detach(batch, placeholder=placeholder)
            Support.objects.filter(request_id__in=ids).delete()
            Caller.objects.filter(requests__isnull=True).delete()  # callers whose every request is detached
        done += len(ids)
    return done


def requests_detach(queryset, *, placeholder=None) -> None:
    """Take a person's traces out of these requests; with a placeholder, also the link to them.

    Bulk updates, a fixed number of queries per batch, and no signal restating the old values.
    """
    requests = list(queryset)
    owners = {request.pk: request.resident_id for request in requests}
    for request in requests:
        for field in TEXT_FIELDS:
            setattr(request, field, mask_phones_in(getattr(request, field)))
        request.reporter_public = False
        if placeholder is not None:
            request.resident, request.address_text, request.latitude, request.longitude = placeholder, "", None, None
            request.caller = None  # a hotline caller's number goes with the link to them
    place_fields = ["resident", "caller", "address_text", "latitude", "longitude"] if placeholder is not None else []
    Request.objects.bulk_update(requests, [*TEXT_FIELDS, "reporter_public", *place_fields])
    _events_detach(owners, placeholder)
    callbacks = list(Callback.objects.filter(request_id__in=owners))
    for callback in callbacks:
        callback.outcome = mask_phones_in(callback.outcome)
    Callback.objects.bulk_update(callbacks, ["outcome"])


def _events_detach(owners: dict[int, int], placeholder) -> None:
    events = list(TimelineEvent.objects.filter(request_id__in=owners))
    for event in events:
        event.note = mask_phones_in(event.note)
        if placeholder is not None and event.actor_id == owners[event.request_id]:
            event.actor = placeholder
    TimelineEvent.objects.bulk_update(events, ["note", "actor"])
