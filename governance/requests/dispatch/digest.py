"""The daily digest of new requests, for the staff who take them so (the others hear of each at once: notify.queue_told).

A request is in a person's digest when they are among `notify.queue_staff` of it when the digest is made, the
same people told at once. Requests with the same owner share those staff, so they are read once per owner.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from governance.accounts.models import User
from governance.notifications.choices import Timing
from governance.notifications.selectors import timings_chosen

from .. import notify
from ..choices import OwnerBody
from ..models import Request

NEWEST = 5  # requests named in a digest; the count says how many there were


def queue_digests_send(*, day: date | None = None) -> int:
    """Tell each staff member who takes a daily digest of the requests new in their queue on `day` (yesterday by
    default). Run again, it tells nobody twice (the key names the person and the day). Returns how many were told."""
    day = day or timezone.localdate() - timedelta(days=1)
    found = _new_by_person(day)
    timings = timings_chosen(user_ids=list(found), kind=notify.QUEUE_NEW)
    readers = User.objects.filter(pk__in=[pk for pk, timing in timings.items() if timing == Timing.DAILY], is_active=True)
    for user in readers:
        count, newest = found[user.pk]
        notify.queue_digest(user, day=day, count=count, newest=newest)
    return len(readers)


def _new_by_person(day: date) -> dict[int, tuple[int, list[Request]]]:
    """Person id -> (how many requests of `day` are in their queue, the newest of them), newest first."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    requests = Request.objects.filter(created_at__gte=start, created_at__lt=start + timedelta(days=1)).order_by("-created_at")
    staff_of_owner: dict[tuple, list[int]] = {}
    found: dict[int, tuple[int, list[Request]]] = {}
    for request in requests.iterator():
        owner = _owner_key(request)
        if owner not in staff_of_owner:
            staff_of_owner[owner] = [user.pk for user in notify.owner_staff(request)]
        for user_id in staff_of_owner[owner]:
            if user_id not in (request.resident_id, request.filed_by_id):  # as notify.queue_staff
                count, newest = found.get(user_id, (0, []))
                found[user_id] = (count + 1, newest if len(newest) >= NEWEST else [*newest, request])
    return found


def _owner_key(request: Request) -> tuple:
    """What `notify.owner_staff` reads of a request: its owning body, the node of that level, the body's row."""
    level = notify.OWNER_STAFF[OwnerBody(request.owner_body)][1]
    return request.owner_body, getattr(request, f"{level}_id"), request.owner_committee_id, request.owner_department_id
