"""Sections that higher apps add to the public street and community pages and to a resident's home 我的社区,
and figures they add per grid.

The territory app sits below committees, associations and requests, so it cannot call
them; they register here instead (in AppConfig.ready), each with a template and a
function that builds its context with a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    context: Callable  # (request, node) -> dict
    order: int = 100


COMMUNITY_SECTIONS: dict[str, Section] = {}
STREET_SECTIONS: dict[str, Section] = {}
# 我的社区: a resident's home page; `context(request, community)` reads what concerns them (their requests) or their community.
HOME_SECTIONS: dict[str, Section] = {}


def register_community_section(*, key: str, template: str, context: Callable, order: int = 100) -> None:
    COMMUNITY_SECTIONS[key] = Section(key, template, context, order)


def register_street_section(*, key: str, template: str, context: Callable, order: int = 100) -> None:
    STREET_SECTIONS[key] = Section(key, template, context, order)


def register_home_section(*, key: str, template: str, context: Callable, order: int = 100) -> None:
    HOME_SECTIONS[key] = Section(key, template, context, order)


def render_sections(sections: dict[str, Section], request, node) -> list[str]:
    ordered = sorted(sections.values(), key=lambda section: section.order)
    return [render_to_string(s.template, {**s.context(request, node), "node": node}, request=request) for s in ordered]


@dataclass(frozen=True)
class GridCount:
    """A figure per grid added by a higher app (open requests, ...): `count(user, grid_ids)` -> {grid id: n}, one query."""

    key: str
    label: str
    count: Callable
    order: int = 100


GRID_COUNTS: dict[str, GridCount] = {}


def register_grid_count(*, key: str, label, count: Callable, order: int = 100) -> None:
    GRID_COUNTS[key] = GridCount(key, label, count, order)


def grid_counts(user, grid_ids) -> list[tuple[GridCount, dict]]:
    """Each registered figure, in order, with its counts for these grids."""
    return [(figure, figure.count(user, grid_ids)) for figure in sorted(GRID_COUNTS.values(), key=lambda figure: figure.order)]
