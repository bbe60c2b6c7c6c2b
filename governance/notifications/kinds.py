"""What each kind of notification says. Apps register their kinds at import time.

Texts are kept as translatable templates and rendered when read, so each reader sees
them in their own language; e-mail and SMS are rendered in the portal's default language.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    title: str
    body: str


KINDS: dict[str, Kind] = {}


def register(name: str, *, title, body) -> None:
    KINDS[name] = Kind(title=title, body=body)


def render(name: str, params: dict) -> tuple[str, str]:
    kind = KINDS.get(name)
    if kind is None:
        return str(name), ""
    try:
        return str(kind.title) % params, str(kind.body) % params
    except (KeyError, TypeError, ValueError):
        return str(kind.title), str(kind.body)


register("portal.message", title=_("%(title)s"), body=_("%(body)s"))
