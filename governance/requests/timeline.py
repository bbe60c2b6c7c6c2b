"""The request's timeline as sentences people read: "新鸿社区已受理", "已派单给…", "居民已评价：满意".

Each line is a stored text (governance.core.stored_text), so each reader reads it in their language. A status
move keeps its sentence, with what it names at that moment (the owner then, the rating's word), under the
"headline" key of the event's message: the event's text (the portal's message, then the person's note) stays
what it was, for notifications and Open311. Rows without one read a sentence from their kind and status.
"""

from django.utils.translation import gettext_noop

from governance.core import stored_text

from .choices import EventKind, Satisfaction, Source, Status

# The sentence a status move stores, by the status it reaches; %(owner)s is the unit that owns the request then.
MOVE_SENTENCES = {
    Status.ACCEPTED: gettext_noop("%(owner)s accepted the request"),
    Status.ASSIGNED: gettext_noop("%(owner)s assigned a staff member to it"),
    Status.IN_PROGRESS: gettext_noop("%(owner)s is working on it"),
    Status.RESOLVED: gettext_noop("%(owner)s resolved it"),
    Status.REJECTED: gettext_noop("%(owner)s rejected the request"),
    Status.CLOSED: gettext_noop("The request was closed"),
    Status.REOPENED: gettext_noop("The request was reopened"),
}

# What a row stored before the sentences reads, by the status it reached.
STATUS_SENTENCES = {
    Status.SUBMITTED: gettext_noop("The request was filed"),
    Status.ACCEPTED: gettext_noop("The request was accepted"),
    Status.ASSIGNED: gettext_noop("A staff member was assigned"),
    Status.IN_PROGRESS: gettext_noop("Work on the request started"),
    Status.RESOLVED: gettext_noop("The request was resolved"),
    Status.REOPENED: gettext_noop("The request was reopened"),
    Status.CLOSED: gettext_noop("The request was closed"),
    Status.REJECTED: gettext_noop("The request was rejected"),
    Status.MERGED: gettext_noop("Merged into another request"),
}

FILED_SENTENCES = {
    Source.HOTLINE: gettext_noop("The 12345 hotline filed the request for the resident"),
    Source.GRID: gettext_noop("The grid worker reported it"),
}
FILED = gettext_noop("The resident filed the request")
RATED = gettext_noop("The resident rated it: %(rating)s")
RATED_BEFORE = gettext_noop("The resident rated it")
REOPENED_BY_RESIDENT = gettext_noop("The resident reopened the request")

# Kinds whose stored message is itself the sentence (派单, 转办, 退单, 协办 ...): it heads the line, the note below.
MESSAGE_IS_SENTENCE = frozenset(
    {
        EventKind.ROUTED,
        EventKind.DISPATCHED,
        EventKind.TRANSFERRED,
        EventKind.RETURNED,
        EventKind.MERGED,
        EventKind.ESCALATED,
        EventKind.COHANDLER_ADDED,
        EventKind.COHANDLER_ENDED,
    }
)
# Kinds that move the status and read as the move's sentence; the others keep their own label (督办, 回访 ...).
MOVE_KINDS = frozenset({EventKind.STATUS, EventKind.ASSIGNED, EventKind.RATED, EventKind.REOPENED})


def satisfaction_of(rating: int) -> str:
    """The word for a star rating, as the satisfaction rate counts it: 4-5 satisfied, 3 basically, 1-2 not."""
    if rating >= 4:
        return Satisfaction.SATISFIED
    return Satisfaction.BASICALLY if rating == 3 else Satisfaction.DISSATISFIED


def filed_headline(request) -> dict:
    """The first line: who filed it (the resident, the hotline for them, the grid worker)."""
    return stored_text.message(FILED_SENTENCES.get(request.source, FILED))


def move_headline(*, request, to: str, by: str, kind: str) -> dict | None:
    """The sentence of a status move, with what it names now; None for the kinds that say it themselves."""
    if kind not in MOVE_KINDS:
        return None
    if kind == EventKind.RATED and request.rating:
        return stored_text.message(RATED, rating=stored_text.choice("requests.satisfaction", satisfaction_of(request.rating)))
    if kind == EventKind.REOPENED and by == "resident":
        return stored_text.message(REOPENED_BY_RESIDENT)
    sentence = MOVE_SENTENCES.get(to)
    return stored_text.message(sentence, owner=request.owner_name) if sentence else None


def with_headline(message: dict | None, headline: dict | None) -> dict | None:
    """The event's message carrying its sentence beside the portal's own words (which render as before)."""
    if headline is None:
        return message
    return {**(message or {}), "headline": headline}


def headline(event) -> str:
    """The line's sentence in the reader's language."""
    stored = (event.message or {}).get("headline")
    if stored:
        return stored_text.render(stored)
    if event.kind in MESSAGE_IS_SENTENCE and _message_text(event):
        return _message_text(event)
    sentence = _sentence_before(event)
    return stored_text.render_message(sentence, {}) if sentence else str(event.get_kind_display())


def body(event) -> str:
    """What follows the sentence: the portal's further words and the person's note, not the sentence again."""
    if not (event.message or {}).get("headline") and event.kind in MESSAGE_IS_SENTENCE and _message_text(event):
        return stored_text.render(event.note)
    return event.text


def _message_text(event) -> str:
    return stored_text.render({key: value for key, value in (event.message or {}).items() if key != "headline"})


def _sentence_before(event) -> str | None:
    if event.kind == EventKind.SUBMITTED:
        return STATUS_SENTENCES[Status.SUBMITTED]
    if event.kind == EventKind.RATED:
        return RATED_BEFORE
    if event.kind in MOVE_KINDS and event.to_status in STATUS_SENTENCES:
        return STATUS_SENTENCES[event.to_status]
    return None
