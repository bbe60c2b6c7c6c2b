"""Texts the portal stores for later readers, rendered in the reader's language when read.

A row written today (a notification, a timeline event) is read tomorrow by people who chose
different languages, so it never holds the writer's rendering: it holds an English msgid and
raw parameters, and each value says how to show itself:

- a plain string or number is data (a tracking number, a title, a name, a person's own words);
- `choice("requests.status", "resolved")`: a code shown by the label of a registered choices class;
- `msgid(gettext_noop("approved"))`: a fixed word, translated when read;
- `both(zh=..., en=...)`: data kept in both languages (a category's names), the reader's one shown;
- `moment(datetime)`, `day(date)`: a time or a date, formatted in the reader's locale;
- `message(gettext_noop("Merged into %(number)s."), number=...)`: a sentence with its own parameters;
- a list: its parts rendered and joined by a space (a stored sentence followed by a person's note).

Rows stored before this (already rendered strings) are plain data, so they stay readable as written.
The msgids must be marked (`gettext_noop`) where they are written, so the catalogue holds them.
"""

from datetime import date, datetime

from django.db.models import Choices
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext

CHOICES: dict[str, type[Choices]] = {}


def register_choices(name: str, choices: type[Choices]) -> None:
    CHOICES[name] = choices


def choice(name: str, value: str) -> dict:
    return {"choice": name, "value": str(value)}


def msgid(text) -> dict:
    return {"msgid": msgid_of(text)}


def both(*, zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


def moment(value: datetime) -> dict:
    return {"datetime": value.isoformat()}


def day(value: date) -> dict:
    return {"date": value.isoformat()}


def message(text, **params) -> dict:
    return {"text": msgid_of(text), "params": params}


def msgid_of(text) -> str:
    """The English msgid of `text`: itself for a string (marked with gettext_noop), the argument of a gettext_lazy.

    A lazy string pickles as (its function, its arguments); that is how its msgid is read without rendering it.
    """
    if isinstance(text, Promise):
        _unpickle, (_function, args, _kwargs, *_classes) = text.__reduce__()
        if len(args) == 1 and isinstance(args[0], str):
            return args[0]
    return str(text)


def render(value) -> str:
    """`value` as the reader reads it, in the active language."""
    if isinstance(value, list):
        return " ".join(part for part in (render(item).strip() for item in value) if part)
    if isinstance(value, dict):
        return _render_tagged(value)
    return "" if value is None else str(value)


def render_message(text: str, params: dict) -> str:
    """The translated `text` with its rendered parameters; the bare translation if a parameter is missing."""
    translated = gettext(text) if text else ""
    try:
        return translated % {name: render(value) for name, value in params.items()}
    except (KeyError, TypeError, ValueError):
        return translated


def _render_tagged(value: dict) -> str:
    if "text" in value:
        return render_message(value["text"], value.get("params") or {})
    if "choice" in value:
        return _choice_label(value["choice"], value.get("value", ""))
    if "msgid" in value:
        return gettext(value["msgid"])
    if "datetime" in value:
        return _moment(value["datetime"])
    if "date" in value:
        return _day(value["date"])
    if "zh" in value or "en" in value:
        english = (get_language() or "").startswith("en")
        return str((value.get("en") if english else None) or value.get("zh") or value.get("en") or "")
    return ""


def _choice_label(name: str, code: str) -> str:
    choices = CHOICES.get(name)
    if choices is None or code not in choices.values:
        return code
    return str(choices(code).label)


def _moment(text: str) -> str:
    moment_ = parse_datetime(text)
    if moment_ is None:
        return text
    return formats.date_format(timezone.localtime(moment_) if timezone.is_aware(moment_) else moment_, "DATETIME_FORMAT")


def _day(text: str) -> str:
    try:
        return formats.date_format(date.fromisoformat(text), "DATE_FORMAT")
    except ValueError:
        return text
