"""Open311 GeoReport v2 at /open311/v2/: public, sessionless, throttled; JSON or XML by the file extension."""

from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from governance.core import limits

from ..intake.limits import SubmissionLimitReached, submission_limit_check
from ..public import services as public_services
from . import attributes, conditional, locate, params, queries
from .discovery import discovery_record
from .render import error, respond, to_json

# Requests per client address per minute; a civic app polling every few seconds stays well inside.
WRITES_PER_MINUTE = 30


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _over_limit(request) -> bool:
    """Per client address per minute; fails open, since a cache outage must not close the public feed."""
    writes = request.method == "POST"
    key = f"open311:{'w' if writes else 'r'}:{_client(request)}"
    return limits.over(key, limit=WRITES_PER_MINUTE if writes else settings.OPEN311_READS_PER_MINUTE, window=60, fail_open=True)


def open311(*methods: str):
    """Throttle, check the method and the jurisdiction, and turn every Open311Error into the spec's error answer."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, fmt: str, **kwargs):
            if request.method not in methods:
                answer = error(fmt, 405, _("Method %(method)s is not allowed here.") % {"method": request.method})
                answer["Allow"] = ", ".join(methods)
                return answer
            if _over_limit(request):
                return error(fmt, 429, _("Too many requests: slow down and try again in a minute."))
            try:
                params.printable_check(request.GET, request.POST)
                params.jurisdiction_check(request.GET if request.method == "GET" else request.POST)
                return view(request, *args, fmt=fmt, **kwargs)
            except params.Open311Error as problem:
                return error(fmt, problem.status, problem.description)

        return csrf_exempt(wrapper)  # sessionless: a write is authorised by its api_key, never by a cookie

    return decorate


def _guessed_format(request) -> str:
    return "xml" if request.path.endswith(".xml") else "json"


def not_found(request):
    """What the URL conf answers under /open311/ for a path that is no endpoint: the spec's error list."""
    return error(_guessed_format(request), 404, _("No such Open311 endpoint: see /open311/v2/services.json."))


def unavailable(request):
    return error(_guessed_format(request), 503, _("The service is briefly unavailable; please try again in a minute."))


def bad_request(request):
    return error(_guessed_format(request), 400, _("The request could not be read."))


def server_error(request):
    return error(_guessed_format(request), 500, _("Something went wrong on our side; please try again later."))


@open311("GET")
def discovery(request, fmt: str):
    return respond(discovery_record(request.build_absolute_uri), fmt, "discovery")


@open311("GET")
def service_list(request, fmt: str):
    records = [queries.service_record(c) for c in queries.services()]
    # A few dozen small records: their bytes are the validator, so any change a client could see changes it.
    etag, changed = conditional.tag(request, to_json(records)), queries.services_changed()
    unchanged = conditional.not_modified(request, etag=etag, changed=changed)
    return unchanged or conditional.stamped(respond(records, fmt, "services"), etag=etag, changed=changed)


@open311("GET")
def service_definition(request, code: str, fmt: str):
    category = queries.services().filter(code=code).first()
    if category is None:
        raise params.Open311Error(404, _("Unknown service_code: %(code)s.") % {"code": code})
    return respond(attributes.definition(category), fmt, "service_definition")


@open311("GET", "POST")
def request_list(request, fmt: str):
    if request.method == "POST":
        return _request_create(request, fmt)
    query = request.GET
    where = queries.conditions(
        numbers=params.comma_list(query, "service_request_id"),
        service_code=params.comma_list(query, "service_code"),
        start=params.moment(query, "start_date"),
        end=params.moment(query, "end_date", end_of_day=True),
        status=params.statuses(query),
    )
    window = params.window(query, default=queries.DEFAULT_LIMIT, most=queries.MAX_PAGE_SIZE, deepest=queries.MAX_PAGE)
    return _records_answer(request, where, window, fmt)


def _asks_conditionally(request) -> bool:
    return "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META


def _records_answer(request, where, window: slice, fmt: str, unknown: params.Open311Error | None = None):
    """These requests' records, or a 304 when the client holds them.

    A client that sends a validator gets the narrow validator query first (ids and times): when its copy is
    current that is all this costs. Without one the rows are read at once and the validator made from them."""
    if _asks_conditionally(request):
        etag, changed = _validated(request, queries.validators(where, window))
        if changed is not None and (unchanged := conditional.not_modified(request, etag=etag, changed=changed)) is not None:
            return unchanged
    found = queries.rows(where, window)
    if unknown is not None and not found:
        raise unknown
    etag, changed = _validated(request, queries.seen(found))
    record = queries.Records(request.build_absolute_uri)
    answer = respond([record(row) for row in found], fmt, "service_requests")
    return conditional.stamped(answer, etag=etag, changed=changed)


def _validated(request, seen: list[tuple]) -> tuple[str, object]:
    return conditional.tag(request, seen), max((at for _pk, at in seen), default=None)


def _request_create(request, fmt: str):
    data = request.POST
    api_key = public_services.api_key_check(key=data.get("api_key", "").strip())
    if api_key is None:
        raise params.Open311Error(403, _("api_key is missing or not valid."))
    per_hour = settings.OPEN311_POSTS_PER_KEY_PER_HOUR
    if limits.over(f"open311:key:{api_key.pk}", limit=per_hour, window=3600, fail_open=True):
        raise params.Open311Error(429, _("This api_key has filed %(n)s requests this hour, its limit: try again later.") % {"n": per_hour})
    category, place = params.category(data), locate.place(data)
    text, answers = params.description(data), attributes.answers(data, category)
    latitude, longitude = params.coordinate(data, "lat", 90), params.coordinate(data, "long", 180)
    try:
        submission_limit_check(resident=api_key.submitter, place=place, per_resident=False)
        created = public_services.open311_request_submit(
            api_key=api_key,
            category=category,
            place=place,
            description=text,
            latitude=latitude,
            longitude=longitude,
            attributes=answers,
        )
    except SubmissionLimitReached as problem:
        raise params.Open311Error(429, " ".join(problem.messages)) from None
    except ValidationError as problem:
        raise params.Open311Error(400, " ".join(problem.messages)) from None
    notice = _("Received by %(owner)s; expected to be resolved by %(due)s.") % {
        "owner": created.owner_name,
        "due": queries.iso(created.resolve_due_at),
    }
    return respond(
        [{"service_request_id": created.number, "service_notice": notice}],
        fmt,
        "service_requests",
    )


@open311("GET")
def request_detail(request, number: str, fmt: str):
    unknown = params.Open311Error(404, _("Unknown service_request_id: %(id)s.") % {"id": number})
    return _records_answer(request, Q(number=number), slice(0, 1), fmt, unknown=unknown)
