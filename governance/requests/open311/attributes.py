"""A category's service attributes: their GeoReport v2 definition, and the attribute[code] values a client posts."""

from decimal import Decimal, InvalidOperation

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy

from .models import LIST_DATATYPES, Datatype
from .params import Open311Error

MAX_STRING = 200
MAX_TEXT = 2000


def definition(category) -> dict:
    """GET services/<code>: every attribute the client must (or may) answer, in order."""
    return {"service_code": category.code, "attributes": [_attribute(a) for a in category.attributes.all()]}


def _attribute(attribute) -> dict:
    record = {
        "variable": True,
        "code": attribute.code,
        "datatype": attribute.datatype,
        "required": attribute.required,
        "datatype_description": attribute.get_datatype_display(),
        "order": attribute.order,
        "description": attribute.description,
    }
    if attribute.datatype in LIST_DATATYPES:
        record["values"] = [{"key": str(v["key"]), "name": str(v["name"])} for v in attribute.values]
    return record


class AnswerProblem(ValueError):
    """An answer that does not fit its attribute; each entry point (Open311, the web form) words it for its reader."""

    def __init__(self, attribute, problem: str):
        super().__init__(problem)
        self.attribute, self.problem = attribute, problem


OPEN311_WORDING = {
    "required": gettext_lazy("attribute[%(code)s] is required: %(question)s"),
    "keys": gettext_lazy("attribute[%(code)s] must be among the listed keys."),
    "one": gettext_lazy("attribute[%(code)s] takes one value."),
    "long": gettext_lazy("attribute[%(code)s] is too long."),
    "number": gettext_lazy("attribute[%(code)s] must be a number."),
    "datetime": gettext_lazy("attribute[%(code)s] must be an ISO 8601 date-time."),
    "key": gettext_lazy("attribute[%(code)s] must be one of the listed keys."),
}


def answers(params, category) -> dict:
    """attribute[code] of the POST, checked against the category's attributes: code -> value, or an Open311Error (400)."""
    found = {}
    for attribute in category.attributes.all():
        try:
            value = answer(attribute, params.getlist(f"attribute[{attribute.code}]"))
        except AnswerProblem as problem:
            raise Open311Error(400, str(OPEN311_WORDING[problem.problem]) % _named(attribute)) from None
        if value is not None:
            found[attribute.code] = value
    return found


def answer(attribute, values: list[str]):
    """The checked value of one attribute from the values given for it (None when unanswered and optional)."""
    raw = [v.strip() for v in values if v and v.strip()]
    if not raw:
        if attribute.required:
            raise AnswerProblem(attribute, "required")
        return None
    return _value(attribute, raw)


def _named(attribute) -> dict:
    return {"code": attribute.code, "question": attribute.description}


def _value(attribute, raw: list[str]):
    if attribute.datatype == Datatype.MULTI:
        if any(v not in attribute.value_keys() for v in raw):
            raise AnswerProblem(attribute, "keys")
        return list(dict.fromkeys(raw))
    if len(raw) > 1:
        raise AnswerProblem(attribute, "one")
    return CHECKS[attribute.datatype](attribute, raw[0])


def _string(attribute, value: str, limit: int = MAX_STRING) -> str:
    if len(value) > limit:
        raise AnswerProblem(attribute, "long")
    return value


def _number(attribute, value: str) -> str:
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or len(value) > 30:
        raise AnswerProblem(attribute, "number")
    return value


def _datetime(attribute, value: str) -> str:
    try:
        moment = parse_datetime(value.replace(" ", "+"))
    except ValueError:
        moment = None
    if moment is None:
        raise AnswerProblem(attribute, "datetime")
    return moment.isoformat()


def _single(attribute, value: str) -> str:
    if value not in attribute.value_keys():
        raise AnswerProblem(attribute, "key")
    return value


CHECKS = {
    Datatype.STRING: _string,
    Datatype.TEXT: lambda attribute, value: _string(attribute, value, MAX_TEXT),
    Datatype.NUMBER: _number,
    Datatype.DATETIME: _datetime,
    Datatype.SINGLE: _single,
}
