"""Cached values stay true: what changes them forgets them once the transaction commits, and an outage costs only work."""

import pytest
from django.db import transaction
from django.test import override_settings

from governance.core import versioned_cache

from .test_limits import DEAD_CACHE


def _read(counter: list, subject: str = "test-subject"):
    def build():
        counter.append(1)
        return len(counter)

    return versioned_cache.versioned(subject=subject, parts=["a"], build=build, seconds=60)


@pytest.mark.django_db(transaction=True)
def test_a_value_is_built_once_until_its_subject_is_forgotten():
    built = []
    assert (_read(built), _read(built)) == (1, 1)
    versioned_cache.forget(["test-subject"])
    assert _read(built) == 2


@pytest.mark.django_db(transaction=True)
def test_forgetting_waits_for_the_commit_and_a_rollback_keeps_the_value():
    built = []
    _read(built)
    with transaction.atomic():
        versioned_cache.forget(["test-subject"])
        assert _read(built) == 1, "forgotten only once the change is committed"
    assert _read(built) == 2
    try:
        with transaction.atomic():
            versioned_cache.forget(["test-subject"])
            raise RuntimeError
    except RuntimeError:
        pass
    assert _read(built) == 2


@pytest.mark.django_db(transaction=True)
def test_another_subject_is_not_forgotten():
    built, other = [], []
    _read(built), _read(other, subject="other-subject")
    versioned_cache.forget(["test-subject"])
    assert (_read(built), _read(other, subject="other-subject")) == (2, 1)


@override_settings(CACHES=DEAD_CACHE)
@pytest.mark.django_db(transaction=True)
def test_with_the_cache_down_the_value_is_built_every_time():
    built = []
    assert (_read(built), _read(built)) == (1, 2)
    versioned_cache.forget(["test-subject"])  # no error either
