"""What Open311 clients may read: public requests as GeoReport v2 records, and the services (categories)."""

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from ..choices import OPEN_STATUSES, Status
from ..models import OWNER_JOINS, OWNER_NAME_FIELDS, Category, Request, RequestPhoto
from ..public.selectors import last_public_note, public_requests
from .models import CategoryAttribute

DEFAULT_DAYS = 90
MAX_REQUESTS = 1000
# Coordinates are rounded to about 100 m: enough to find a courtyard, not a home.
COORDINATE_STEP = Decimal("0.001")
CLOSED_STATUSES = frozenset(Status) - OPEN_STATUSES


def services() -> QuerySet[Category]:
    asks = CategoryAttribute.objects.filter(category=OuterRef("pk"))
    return Category.objects.filter(active=True).annotate(has_attributes=Exists(asks)).order_by("position", "code")


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


def first_public_photo() -> Subquery:
    """The code of a request's first photo, only when the resident made its photos public (the photo route's rule)."""
    shown = RequestPhoto.objects.filter(request=OuterRef("pk"), request__public=True, request__photos_public=True)
    return Subquery(shown.order_by("created_at", "pk").values("code")[:1])


def media_url(code, absolute) -> str | None:
    """An absolute link to the photo route, which serves a public photo to anyone."""
    return None if code is None else absolute(reverse("requests:photo", kwargs={"code": code}))


def open311_requests() -> QuerySet[Request]:
    return (
        public_requests()
        .select_related("category", "courtyard", *OWNER_JOINS)
        .only(
            "number",
            "status",
            "text",
            *OWNER_NAME_FIELDS,
            "created_at",
            "updated_at",
            "closed_at",
            "resolve_due_at",
            "latitude",
            "longitude",
            "category__code",
            "category__name_zh",
            "community__code",
            "community__name",
            "courtyard__code",
            "courtyard__name",
        )
        .annotate(status_notes=last_public_note(), public_photo=first_public_photo())
        .order_by("-created_at", "-pk")
    )


def filtered(*, numbers=None, service_code=None, start=None, end=None, status=None) -> QuerySet[Request]:
    """The spec's filters; service_request_id wins over all others; by default the last 90 days, at most 1000."""
    queryset = open311_requests()
    if numbers:
        return queryset.filter(number__in=numbers)[:MAX_REQUESTS]
    if service_code:
        queryset = queryset.filter(category__code__in=service_code)
    if start is None and end is None:
        start = timezone.now() - timedelta(days=DEFAULT_DAYS)
    if start is not None:
        queryset = queryset.filter(created_at__gte=start)
    if end is not None:
        queryset = queryset.filter(created_at__lte=end)
    if status:
        wanted = set()
        for state in status:
            wanted |= OPEN_STATUSES if state == "open" else CLOSED_STATUSES
        queryset = queryset.filter(status__in=wanted)
    return queryset[:MAX_REQUESTS]


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else timezone.localtime(moment).replace(microsecond=0).isoformat()


def _coordinate(value) -> float | None:
    return None if value is None else float(Decimal(value).quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP))


def request_record(request: Request, absolute) -> dict:
    """One request as GeoReport v2 describes it: place down to the courtyard, no names, no unit.

    `absolute` makes a path an absolute URL (the HTTP request's build_absolute_uri)."""
    is_open = request.status in OPEN_STATUSES
    place = request.courtyard or request.community
    return {
        "service_request_id": request.number,
        "status": "open" if is_open else "closed",
        "status_notes": request.status_notes or None,
        "service_name": request.category.name_zh,
        "service_code": request.category.code,
        "description": request.text,
        "agency_responsible": request.owner_name,
        "service_notice": None,
        "requested_datetime": iso(request.created_at),
        "updated_datetime": iso(request.updated_at if is_open else (request.closed_at or request.updated_at)),
        "expected_datetime": iso(request.resolve_due_at) if is_open else None,
        "address": request.community.name + (request.courtyard.name if request.courtyard else ""),
        "address_id": place.code,
        "zipcode": None,
        "lat": _coordinate(request.latitude),
        "long": _coordinate(request.longitude),
        "media_url": media_url(request.public_photo, absolute),
    }
