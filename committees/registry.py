"""What higher apps add to the council cycle without committees importing them.

The requests app sits above committees in the layers: it registers here (in AppConfig.ready)
what happens to its requests when a need they became is carried out, and the section of the
need's public page that lists them. Callbacks run inside the committees' transaction, so their
rows commit (or not) with the need's change.
"""

from collections.abc import Callable

from courtyards.sections import Section, render_sections

NEED_SECTIONS: dict[str, Section] = {}
NEED_IMPLEMENTED: dict[str, Callable] = {}  # key -> callback(*, need, by, result)


def register_need_section(*, key: str, template: str, context: Callable, order: int = 100) -> None:
    """A section of the need's public page: `context(request, need)` builds it with a constant number of queries."""
    NEED_SECTIONS[key] = Section(key, template, context, order)


def register_need_implemented(*, key: str, callback: Callable) -> None:
    """Called when a need is carried out, before its supporters are told (so an app may tell its own people first)."""
    NEED_IMPLEMENTED[key] = callback


def need_sections(request, need) -> list[str]:
    return render_sections(NEED_SECTIONS, request, need)


def need_implemented(*, need, by, result: str) -> None:
    for callback in NEED_IMPLEMENTED.values():
        callback(need=need, by=by, result=result)
