"""What each kind of notification says. Apps register their kinds at import time.

Texts are kept as translatable templates and raw parameters (`governance.core.stored_text`) and
rendered when read, so each reader sees them in their own language: the page and the API in the
reader's, e-mail and SMS in the recipient's (`languages.language_of`).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from governance.core import stored_text


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
    shown = {key: stored_text.render(value) for key, value in params.items()}
    return _filled(kind.title, shown), _filled(kind.body, shown)


def _filled(template, params: dict) -> str:
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)


register("portal.message", title=_("%(title)s"), body=_("%(body)s"))
