"""Figures of a tree node (dashboards, public statistics) kept in the cache for a short time.

A change under a node forgets the figures of the node and of each of its ancestors once the transaction commits
(`governance.core.versioned_cache`), so the next page computes fresh figures.
"""

from collections.abc import Callable, Iterable

from django.utils.translation import get_language

from governance.core import versioned_cache

FIGURES_SECONDS = 120  # how stale a figure may be when something the invalidation does not watch (an activity) changed


def node_figures(*, name: str, level: str, pk: int, parts: Iterable, build: Callable[[], object]):
    """`build()`, cached per node, figure set, parts (period, ...) and language, until the node changes."""
    parts = [name, get_language() or "", *parts]
    return versioned_cache.versioned(subject=f"node:{level}:{pk}", parts=parts, build=build, seconds=FIGURES_SECONDS)


def nodes_changed(nodes: dict[str, int | None]) -> None:
    """Forget the figures of these nodes (level -> id: a row's node and its ancestors) once the transaction commits."""
    versioned_cache.forget(f"node:{level}:{pk}" for level, pk in nodes.items() if pk)
