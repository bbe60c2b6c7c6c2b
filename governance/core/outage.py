"""An outage of a part the portal depends on (database, cache, broker) is a 503 with Retry-After, never a 500.

Django turns an exception raised anywhere below the outermost middleware into a call of the URL
conf's handler500, inside the `except` block: that handler asks `outage_part()` which part failed
and answers 503 in the body the client reads (a translated page, the API's error body, Open311's).
The page is rendered without a request context, because its context processors would ask the
database that is down.
"""

import sys

from django.db.utils import InterfaceError
from django.db.utils import OperationalError as DatabaseOperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from kombu.exceptions import OperationalError as BrokerOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

RETRY_AFTER_SECONDS = 30

PARTS = (
    ((DatabaseOperationalError, InterfaceError), "database"),
    ((BrokerOperationalError,), "broker"),
    ((RedisConnectionError, RedisTimeoutError), "cache"),
)


def outage_part(exc: BaseException | None = None) -> str | None:
    """Which part is down, judged from `exc` (or the exception being handled and its causes), else None."""
    exc = exc if exc is not None else sys.exc_info()[1]
    while exc is not None:
        part = next((name for kinds, name in PARTS if isinstance(exc, kinds)), None)
        if part:
            return part
        exc = exc.__cause__ or exc.__context__
    return None


def retry_later(response):
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def outage_page() -> HttpResponse:
    return retry_later(HttpResponse(render_to_string("503.html"), status=503))
