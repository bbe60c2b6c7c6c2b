"""Counting with the cache without letting a cache outage become a 500.

Every limit says what it does when Redis does not answer: it fails *open* (lets the request
through, as without the limit) where refusing would lock everyone out of something whose abuse
is bounded elsewhere, and *closed* (refuses, with a clear message) where each request costs
money or reaches a third party (SMS codes). docs/security-limits.md lists the choices.
"""

import logging

from django.core.cache import cache
from redis.exceptions import RedisError
from rest_framework import throttling

logger = logging.getLogger(__name__)

# What a cache backend raises when its server is down: redis-py's errors, socket errors for others.
CACHE_ERRORS = (RedisError, OSError)


class CacheDown(Exception):
    """The cache did not answer: the caller decides whether that opens or closes its limit."""


def hit(key: str, *, window: int) -> int:
    """Count one more event under `key` in a window of `window` seconds; the count so far. Raises CacheDown."""
    try:
        cache.add(key, 0, timeout=window)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr: this is the window's first event
            cache.set(key, 1, timeout=window)
            return 1
    except CACHE_ERRORS as error:
        logger.warning("cache unavailable for limit %s: %s", key.split(":")[0], error)
        raise CacheDown from error


def over(key: str, *, limit: int, window: int, fail_open: bool) -> bool:
    """Whether this event goes beyond `limit` per `window` seconds; during an outage, `not fail_open`."""
    try:
        return hit(key, window=window) > limit
    except CacheDown:
        return not fail_open


class ResilientThrottleMixin:
    """A DRF throttle that answers deliberately when the cache is down, instead of raising (a 500)."""

    fail_open = True

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS as error:
            logger.warning("cache unavailable for throttle %s: %s", type(self).__name__, error)
            self.history = []  # wait() reads it when the request is refused
            return self.fail_open


class AnonThrottle(ResilientThrottleMixin, throttling.AnonRateThrottle):
    pass


class UserThrottle(ResilientThrottleMixin, throttling.UserRateThrottle):
    pass


class ScopedThrottle(ResilientThrottleMixin, throttling.ScopedRateThrottle):
    pass
