"""What Open311 clients may read: public requests as GeoReport v2 records, and the services (categories).

The request list is read with `.values()` from the request row and its owner's joins: the last public note
and the first photo are kept on the row (see services.event_record), so a page costs one query whatever
its size and no model instance is built (docs/performance.md has the figures).
"""

import functools
import uuid
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from governance.core.lookups import EqualsAnyOf

from ..choices import OPEN_STATUSES, OwnerBody, Status
from ..models import Category, Request
from ..public.selectors import public_requests
from .models import CategoryAttribute

DEFAULT_DAYS = 90
# The spec lets the jurisdiction bound an answer (at most 1,000 by its examples); without paging we send
# the newest DEFAULT_LIMIT, with `page_size` a client may ask up to MAX_PAGE_SIZE per page (docs/api.md).
DEFAULT_LIMIT = 200
MAX_PAGE_SIZE = 200
MAX_PAGE = 500  # deeper than 100,000 rows an OFFSET reads too much: narrow the dates instead
# Coordinates are rounded to about 100 m: enough to find a courtyard, not a home.
COORDINATE_STEP = Decimal("0.001")
CLOSED_STATUSES = frozenset(Status) - OPEN_STATUSES
OPEN_VALUES = frozenset(str(s) for s in OPEN_STATUSES)

RECORD_FIELDS = (
    "number",
    "status",
    "text",
    "public_note",
    "created_at",
    "updated_at",
    "closed_at",
    "resolve_due_at",
    "photos_public",
    "first_photo_code",
    "owner_body",
    "owner_committee__name",
    "owner_department__name",
    "community__name",
    "community__code",
    "street__name",
    "district__name",
    "courtyard__name",
    "courtyard__code",
    "category__code",
    "category__name_zh",
)


def services() -> QuerySet[Category]:
    asks = CategoryAttribute.objects.filter(category=OuterRef("pk"))
    return Category.objects.filter(active=True).annotate(has_attributes=Exists(asks)).order_by("position", "code")


def services_changed() -> datetime | None:
    return Category.objects.filter(active=True).aggregate(at=Max("updated_at"))["at"]


def service_record(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name_zh,
        "description": category.description or category.name_en,
        "metadata": category.has_attributes,
        "type": "realtime",
        "keywords": category.keywords or None,
        "group": category.get_owner_body_display(),
    }


def open311_requests() -> QuerySet[Request]:
    return public_requests().order_by("-created_at", "-pk")


# Built once per process and cloned by each answer: resolving the joins of RECORD_FIELDS costs more
# than fetching a page of them (docs/performance.md).
@functools.cache
def _rows_base() -> QuerySet:
    return open311_requests().values("pk", *RECORD_FIELDS, "latitude", "longitude")


@functools.cache
def _validators_base() -> QuerySet:
    return open311_requests().values_list("pk", "updated_at")


def rows(where: Q, window: slice) -> list[dict]:
    return list(_rows_base().filter(where)[window])


def validators(where: Q, window: slice) -> list[tuple]:
    """What the conditional GET compares: each listed row's id and last change (a narrow read of the same page)."""
    return list(_validators_base().filter(where)[window])


def seen(found: list[dict]) -> list[tuple]:
    """validators() of rows already read: the same list, so both give the same ETag."""
    return [(row["pk"], row["updated_at"]) for row in found]


def _category_in(codes):
    """The categories' ids read once (an initplan), not a join or a semi-join: the portal keeps the ORM's join
    order (settings, join_collapse_limit), which placed either last, filtering after reading the whole window."""
    return EqualsAnyOf(F("category_id"), Subquery(Category.objects.filter(code__in=codes).values("pk")))


def conditions(*, numbers=None, service_code=None, start=None, end=None, status=None) -> Q:
    """The spec's filters; service_request_id wins over all others; by default the last 90 days."""
    if numbers:
        return Q(number__in=numbers)
    where = Q(_category_in(service_code)) if service_code else Q()
    if start is None and end is None:
        start = timezone.now() - timedelta(days=DEFAULT_DAYS)
    if start is not None:
        where &= Q(created_at__gte=start)
    if end is not None:
        where &= Q(created_at__lte=end)
    if status:
        wanted = set()
        for state in status:
            wanted |= OPEN_STATUSES if state == "open" else CLOSED_STATUSES
        where &= Q(status__in=wanted)
    return where


def _coordinate(value: Decimal | None) -> float | None:
    return None if value is None else float(value.quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP))


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else timezone.localtime(moment).replace(microsecond=0).isoformat()


class Records:
    """Turns `.values()` rows into GeoReport v2 records; what is the same for every row is worked out once.

    `absolute` makes a path an absolute URL (the HTTP request's build_absolute_uri)."""

    def __init__(self, absolute):
        marker = uuid.UUID(int=0)
        self.photo_url = absolute(reverse("requests:photo", kwargs={"code": marker})).replace(str(marker), "{}")
        self.zone = timezone.get_current_timezone()

    def _iso(self, moment):
        return None if moment is None else moment.astimezone(self.zone).replace(microsecond=0).isoformat()

    def __call__(self, row: dict) -> dict:
        """One request as GeoReport v2 describes it: place down to the courtyard, no names, no unit."""
        is_open = row["status"] in OPEN_VALUES
        photo = row["first_photo_code"] if row["photos_public"] else None
        return {
            "service_request_id": row["number"],
            "status": "open" if is_open else "closed",
            "status_notes": row["public_note"] or None,
            "service_name": row["category__name_zh"],
            "service_code": row["category__code"],
            "description": row["text"],
            "agency_responsible": owner_name(row),
            "service_notice": None,
            "requested_datetime": self._iso(row["created_at"]),
            "updated_datetime": self._iso(row["updated_at"] if is_open else (row["closed_at"] or row["updated_at"])),
            "expected_datetime": self._iso(row["resolve_due_at"]) if is_open else None,
            "address": row["community__name"] + (row["courtyard__name"] or ""),
            "address_id": row["courtyard__code"] or row["community__code"],
            "zipcode": None,
            "lat": _coordinate(row["latitude"]),
            "long": _coordinate(row["longitude"]),
            "media_url": None if photo is None else self.photo_url.format(photo),
        }


OWNER_NAME_KEYS = {OwnerBody.STREET: "street__name", OwnerBody.DISTRICT: "district__name"}


def owner_name(row: dict) -> str:
    """Request.owner_node's rule on a values row: the department, else the committee, else the node of its level."""
    return row["owner_department__name"] or row["owner_committee__name"] or row[OWNER_NAME_KEYS.get(row["owner_body"], "community__name")]
