"""Reading a GeoReport v2 client's parameters: every bad value becomes an Open311Error with a clear message."""

from datetime import datetime, time
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from courtyards.models import Community, Courtyard, District
from courtyards.selectors import node_by_code
from governance.core.text import refuse_control_characters

from ..models import Category
from ..services import PLACE_LEVELS

MAX_IDS = 100
MAX_DESCRIPTION = 2000


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


def printable_check(*queries) -> None:
    """The portal's one text rule, on every parameter: PostgreSQL cannot even compare with a NUL."""
    for query in queries:
        for _name, values in query.lists():
            for value in values:
                try:
                    refuse_control_characters(value)
                except ValidationError as problem:
                    raise Open311Error(400, " ".join(problem.messages)) from None


def jurisdiction_check(params) -> None:
    code = params.get("jurisdiction_id", "").strip()
    if code and not District.objects.filter(code=code).exists():
        raise Open311Error(404, _("Unknown jurisdiction_id: %(code)s.") % {"code": code})


def comma_list(params, name: str, limit: int = MAX_IDS) -> list[str]:
    values = [v.strip() for v in params.get(name, "").split(",") if v.strip()]
    if len(values) > limit:
        raise Open311Error(400, _("At most %(n)d values of %(name)s.") % {"n": limit, "name": name})
    return values


def moment(params, name: str, end_of_day: bool = False) -> datetime | None:
    """An ISO 8601 date-time (or a date) parameter, made aware in the portal's time zone."""
    raw = params.get(name, "").strip().replace(" ", "+")  # a '+' in a query string arrives as a space
    if not raw:
        return None
    try:
        # The date first: parse_datetime reads a bare date as its midnight, and end_date=D would miss day D.
        if (day := parse_date(raw)) is not None:
            value = datetime.combine(day, time.max if end_of_day else time.min)
        else:
            value = parse_datetime(raw)
    except ValueError:
        value = None
    if value is None:
        raise Open311Error(400, _("%(name)s is not an ISO 8601 date-time.") % {"name": name})
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def statuses(params) -> list[str]:
    values = comma_list(params, "status")
    if any(v not in ("open", "closed") for v in values):
        raise Open311Error(400, _("status must be open or closed."))
    return values


def whole_number(params, name: str, *, most: int) -> int | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdecimal() or not 1 <= int(raw) <= most:
        raise Open311Error(400, _("%(name)s must be a whole number from 1 to %(n)d.") % {"name": name, "n": most})
    return int(raw)


def window(params, *, default: int, most: int, deepest: int) -> slice:
    """Which rows of the list: the newest `default` unless the client pages with page_size and page (from 1)."""
    size = whole_number(params, "page_size", most=most) or default
    page = whole_number(params, "page", most=deepest) or 1
    return slice((page - 1) * size, page * size)


def category(params) -> Category:
    code = params.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, _("service_code is required."))
    found = Category.objects.filter(code=code, active=True).first()
    if found is None:
        raise Open311Error(400, _("Unknown service_code: %(code)s.") % {"code": code})
    return found


def description(params) -> str:
    text = params.get("description", "").strip()
    if not text:
        raise Open311Error(400, _("description is required."))
    if len(text) > MAX_DESCRIPTION:
        raise Open311Error(400, _("description is longer than %(n)d characters.") % {"n": MAX_DESCRIPTION})
    return text


def coordinate(params, name: str, bound: int):
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or not -bound <= value <= bound:
        raise Open311Error(400, _("%(name)s is not a valid coordinate.") % {"name": name})
    return value


def place(params):
    """address_id is a node's public code; address_string names a community, else a courtyard, exactly."""
    code = params.get("address_id", "").strip()
    if code:
        node = node_by_code(code=code)
        if node is None or node.level not in PLACE_LEVELS:
            raise Open311Error(400, _("address_id is not the code of a unit, building, courtyard or community."))
        return node
    name = params.get("address_string", "").strip()
    if not name:
        raise Open311Error(400, _("Give address_id or address_string (a community or courtyard name)."))
    for model in (Community, Courtyard):
        matches = list(model.objects.filter(name=name)[:2])
        if len(matches) > 1:
            raise Open311Error(400, _("%(name)s names more than one place: use address_id.") % {"name": name})
        if matches:
            return matches[0]
    raise Open311Error(400, _("No community or courtyard is named %(name)s.") % {"name": name})
