"""Figures of a tree node (dashboards, public statistics) kept in the cache for a short time.

A key holds the node's *version*: a change under a node bumps the version of the node and of
each of its ancestors once the transaction commits, so the next page computes fresh figures and
the stale entries simply expire. Nothing has to know which keys exist. The cache is Redis in
production (`CACHE_URL`); a cache that is down only costs the aggregates, never the page.
"""

import logging
import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

FIGURES_SECONDS = 120  # how stale a figure may be when something the invalidation does not watch (an activity) changed
VERSION_SECONDS = 7 * 24 * 3600


def _version_key(level: str, pk: int) -> str:
    return f"nodefig:v:{level}:{pk}"


def _version(level: str, pk: int) -> str:
    key = _version_key(level, pk)
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex[:12]
        cache.add(key, version, VERSION_SECONDS)
        version = cache.get(key, version)
    return version


def node_figures(*, name: str, level: str, pk: int, parts: Iterable, build: Callable[[], object]):
    """`build()`, cached per node, figure set, parts (period, ...) and language, until the node changes."""
    try:
        key = ":".join(["nodefig", name, level, str(pk), _version(level, pk), get_language() or "", *map(str, parts)])
        found = cache.get(key)
    except Exception:  # the cache is an optimisation: a Redis outage must not take the dashboards down
        logger.warning("node figure cache unavailable", exc_info=True)
        return build()
    if found is not None:
        return found
    value = build()
    try:
        cache.set(key, value, FIGURES_SECONDS)
    except Exception:
        logger.warning("node figure cache unavailable", exc_info=True)
    return value


def nodes_changed(nodes: dict[str, int | None]) -> None:
    """Forget the figures of these nodes (level -> id: a row's node and its ancestors) once the transaction commits."""
    keys = [_version_key(level, pk) for level, pk in nodes.items() if pk]
    transaction.on_commit(lambda: _bump(keys))


def _bump(keys: list[str]) -> None:
    try:
        cache.delete_many(keys)
    except Exception:
        logger.warning("node figure cache unavailable: figures stay stale for %s s", FIGURES_SECONDS, exc_info=True)
