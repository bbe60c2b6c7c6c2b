"""One error body for every 4xx/5xx under /api/: {"detail": text, "code": word, "fields": {name: [text]}}.

`detail` is the translated sentence a person reads (DRF's own key, so clients that read it keep
working), `code` a stable word a program branches on (DRF's codes: "invalid", "not_found",
"not_authenticated", "permission_denied", "throttled", "parse_error", ...), and `fields` the
messages of each invalid field ({} when the error is not about fields). DRF raises it for
errors inside a view (`api_exception_handler`); the URL conf's handlers answer the same body for
what Django decides before any view runs (no such route, a body too large, a server error).
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/"
NON_FIELD_KEYS = frozenset({api_settings.NON_FIELD_ERRORS_KEY, NON_FIELD_ERRORS, "detail"})


def api_exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: a service's Django ValidationError is a 400 like a serializer's."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error: Django logs it and the URL conf's handler500 answers
    response.data = error_body(exc, response.data)
    return response


def error_body(exc, data) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        return _validation_body(data)
    if isinstance(exc, Http404):
        return body(code="not_found", detail=str(exceptions.NotFound.default_detail))
    detail = getattr(exc, "detail", None)
    code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.APIException) and detail is not None:
        return body(code=code, detail=str(detail))
    return body(code="permission_denied", detail=str(exceptions.PermissionDenied.default_detail))


def body(*, code: str, detail: str, fields: dict | None = None) -> dict:
    return {"detail": detail, "code": code, "fields": fields or {}}


def _validation_body(data) -> dict:
    general, fields = [], {}
    if isinstance(data, dict):
        for name, messages in data.items():
            if name in NON_FIELD_KEYS:
                general += _flat_messages(messages)
            else:
                fields.update(_field_messages(name, messages))
    else:
        general = _flat_messages(data)
    if general:
        detail = " ".join(general)
    else:
        detail = _("Please correct these fields: %(names)s.") % {"names": ", ".join(fields)}
    return body(code="invalid", detail=detail, fields=fields)


def _field_messages(name: str, messages) -> dict[str, list[str]]:
    """Nested serializers and lists of files name their parts with dots: {"photos.0": [...]}."""
    if isinstance(messages, dict):
        items = messages.items()
    elif isinstance(messages, list) and any(isinstance(m, dict | list) for m in messages):
        items = ((str(i), m) for i, m in enumerate(messages) if m)
    else:
        return {name: _flat_messages(messages)}
    found: dict[str, list[str]] = {}
    for part, inner in items:
        found.update(_field_messages(f"{name}.{part}", inner))
    return found


def _flat_messages(messages) -> list[str]:
    if isinstance(messages, dict):
        return [m for inner in messages.values() for m in _flat_messages(inner)]
    if isinstance(messages, list | tuple):
        return [m for inner in messages for m in _flat_messages(inner)]
    return [str(messages)]


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def api_error_response(*, status: int, code: str, detail: str) -> JsonResponse:
    return JsonResponse(body(code=code, detail=detail), status=status, json_dumps_params={"ensure_ascii": False})


def api_not_found() -> JsonResponse:
    return api_error_response(status=404, code="not_found", detail=str(exceptions.NotFound.default_detail))


def api_bad_request() -> JsonResponse:
    return api_error_response(status=400, code="bad_request", detail=_("The request could not be read."))


def api_unavailable() -> JsonResponse:
    return api_error_response(
        status=503, code="service_unavailable", detail=_("The service is briefly unavailable; please try again in a minute.")
    )


def api_server_error() -> JsonResponse:
    return api_error_response(status=500, code="server_error", detail=_("Something went wrong on our side; please try again later."))
