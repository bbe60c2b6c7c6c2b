"""Values kept in the cache under a *subject's version*, forgotten by changing the version.

A key is the subject's current version plus the parts of the value (language, period, ...). A change to the
subject deletes its version once the transaction commits, so the next read builds afresh and the stale entries
simply expire: nothing has to know which keys exist. The cache is Redis in production (`CACHE_URL`); a cache
that is down only costs the work the value saves, never the page.
"""

import logging
import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_SECONDS = 7 * 24 * 3600


def _version_key(subject: str) -> str:
    return f"vc:v:{subject}"


def _version(subject: str) -> str:
    key = _version_key(subject)
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex[:12]
        cache.add(key, version, VERSION_SECONDS)
        version = cache.get(key, version)
    return version


def versioned(*, subject: str, parts: Iterable, build: Callable[[], object], seconds: int):
    """`build()`, cached per subject and parts for at most `seconds`, until the subject is forgotten."""
    try:
        key = ":".join(["vc", subject, _version(subject), *map(str, parts)])
        found = cache.get(key)
    except Exception:  # the cache is an optimisation: a Redis outage must not take a page down
        logger.warning("versioned cache unavailable", exc_info=True)
        return build()
    if found is not None:
        return found
    value = build()
    try:
        cache.set(key, value, seconds)
    except Exception:
        logger.warning("versioned cache unavailable", exc_info=True)
    return value


def forget(subjects: Iterable[str]) -> None:
    """Forget every value of these subjects once the transaction commits (at once outside one)."""
    keys = [_version_key(subject) for subject in subjects]
    transaction.on_commit(lambda: _delete(keys))


def _delete(keys: list[str]) -> None:
    try:
        cache.delete_many(keys)
    except Exception:
        logger.warning("versioned cache unavailable: values stay stale until they expire", exc_info=True)
