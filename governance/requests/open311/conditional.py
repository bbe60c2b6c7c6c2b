"""Conditional GET for Open311 reads: ETag and Last-Modified on each answer, 304 while the client's copy is current.

A civic app polls the same list every few minutes; most polls change nothing, and a 304 costs one narrow
query instead of building and sending the page again.
"""

import hashlib
from datetime import datetime

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language


def tag(request, *parts) -> str:
    """A strong ETag over what the answer is made of, plus what else changes its bytes (format, host, language)."""
    seen = (request.path, sorted(request.GET.lists()), request.build_absolute_uri("/"), get_language(), parts)
    return quote_etag(hashlib.blake2b(repr(seen).encode(), digest_size=16).hexdigest())


def _seconds(changed: datetime | None) -> int | None:
    return None if changed is None else int(changed.timestamp())


def not_modified(request, *, etag: str, changed: datetime | None) -> HttpResponse | None:
    """The 304 (with its validators) when If-None-Match / If-Modified-Since match, else None."""
    answer = get_conditional_response(request, etag=etag, last_modified=_seconds(changed))
    return None if answer is None else stamped(answer, etag=etag, changed=changed)


def stamped(response: HttpResponse, *, etag: str, changed: datetime | None) -> HttpResponse:
    response["ETag"] = etag
    if changed is not None:
        response["Last-Modified"] = http_date(_seconds(changed))
    return response
