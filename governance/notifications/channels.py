"""The kinds a person may choose channels for. Apps offer their kinds at import time, beside `kinds.register`.

In the portal a notification always shows; e-mail and SMS are each person's choice per kind. Until a person
chooses, the sender's own default holds (`notification_create`'s `email` and `sms`); an offer states that
default so the page shows it. A kind offered with a timing (staff hearing of new requests) may come at once
or as a daily digest; its digest kind shares the choice.
"""

from dataclasses import dataclass

from .choices import Timing


@dataclass(frozen=True)
class Offer:
    kind: str
    label: str
    group: str
    staff: bool = False  # offered to people who open the work pages only
    email: bool = True
    sms: bool = False
    timing: str = ""  # empty: always at once; else the timing of someone who chose none
    digest_kind: str = ""


OFFERS: dict[str, Offer] = {}
_CHOICE_OF: dict[str, str] = {}  # a digest kind -> the kind whose choice it follows


def offer(kind: str, *, label, group, staff: bool = False, email: bool = True, sms: bool = False, timing: str = "", digest_kind: str = ""):
    OFFERS[kind] = Offer(kind, label, group, staff, email, sms, Timing(timing) if timing else "", digest_kind)
    if digest_kind:
        _CHOICE_OF[digest_kind] = kind


def choice_kind(kind: str) -> str:
    """The kind whose recorded choice applies to `kind` (itself, or the kind a digest summarises)."""
    return _CHOICE_OF.get(kind, kind)


def offers_for(*, staff: bool) -> list[Offer]:
    return [offer for offer in OFFERS.values() if staff or not offer.staff]
