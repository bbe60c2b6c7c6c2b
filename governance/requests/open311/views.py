"""Open311 GeoReport v2 at /open311/v2/: public, sessionless, throttled; JSON or XML by the file extension."""

from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from governance.core import limits

from .. import public_services
from ..limits import SubmissionLimitReached, submission_limit_check
from . import attributes, locate, params, queries
from .discovery import discovery_record
from .render import error, respond

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


def bad_request(request):
    return error(_guessed_format(request), 400, _("The request could not be read."))


def server_error(request):
    return error(_guessed_format(request), 500, _("Something went wrong on our side; please try again later."))


@open311("GET")
def discovery(request, fmt: str):
    return respond(discovery_record(request.build_absolute_uri), fmt, "discovery")


@open311("GET")
def service_list(request, fmt: str):
    return respond([queries.service_record(c) for c in queries.services()], fmt, "services")


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
    found = queries.filtered(
        numbers=params.comma_list(query, "service_request_id"),
        service_code=params.comma_list(query, "service_code"),
        start=params.moment(query, "start_date"),
        end=params.moment(query, "end_date", end_of_day=True),
        status=params.statuses(query),
    )
    return respond([queries.request_record(r, request.build_absolute_uri) for r in found], fmt, "service_requests")


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
    found = queries.open311_requests().filter(number=number).first()
    if found is None:
        raise params.Open311Error(404, _("Unknown service_request_id: %(id)s.") % {"id": number})
    return respond([queries.request_record(found, request.build_absolute_uri)], fmt, "service_requests")
