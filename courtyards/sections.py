"""Sections that higher apps add to the public street and community pages.

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


def register_community_section(*, key: str, template: str, context: Callable, order: int = 100) -> None:
    COMMUNITY_SECTIONS[key] = Section(key, template, context, order)


def register_street_section(*, key: str, template: str, context: Callable, order: int = 100) -> None:
    STREET_SECTIONS[key] = Section(key, template, context, order)


def render_sections(sections: dict[str, Section], request, node) -> list[str]:
    ordered = sorted(sections.values(), key=lambda section: section.order)
    return [render_to_string(s.template, {**s.context(request, node), "node": node}, request=request) for s in ordered]
