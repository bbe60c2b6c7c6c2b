"""A category's service attributes: their GeoReport v2 definition, and the attribute[code] values a client posts."""

from decimal import Decimal, InvalidOperation

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

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


def answers(params, category) -> dict:
    """attribute[code] of the POST, checked against the category's attributes: code -> value, or an Open311Error (400)."""
    found = {}
    for attribute in category.attributes.all():
        raw = [v.strip() for v in params.getlist(f"attribute[{attribute.code}]") if v.strip()]
        if not raw:
            if attribute.required:
                raise Open311Error(400, _("attribute[%(code)s] is required: %(question)s") % _named(attribute))
            continue
        found[attribute.code] = _value(attribute, raw)
    return found


def _named(attribute) -> dict:
    return {"code": attribute.code, "question": attribute.description}


def _value(attribute, raw: list[str]):
    if attribute.datatype == Datatype.MULTI:
        unknown = [v for v in raw if v not in attribute.value_keys()]
        if unknown:
            raise Open311Error(400, _("attribute[%(code)s] must be among the listed keys.") % _named(attribute))
        return list(dict.fromkeys(raw))
    if len(raw) > 1:
        raise Open311Error(400, _("attribute[%(code)s] takes one value.") % _named(attribute))
    return CHECKS[attribute.datatype](attribute, raw[0])


def _refuse(attribute, message: str):
    raise Open311Error(400, message % _named(attribute))


def _string(attribute, value: str, limit: int = MAX_STRING) -> str:
    if len(value) > limit:
        _refuse(attribute, _("attribute[%(code)s] is too long."))
    return value


def _number(attribute, value: str) -> str:
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or len(value) > 30:
        _refuse(attribute, _("attribute[%(code)s] must be a number."))
    return value


def _datetime(attribute, value: str) -> str:
    try:
        moment = parse_datetime(value.replace(" ", "+"))
    except ValueError:
        moment = None
    if moment is None:
        _refuse(attribute, _("attribute[%(code)s] must be an ISO 8601 date-time."))
    return moment.isoformat()


def _single(attribute, value: str) -> str:
    if value not in attribute.value_keys():
        _refuse(attribute, _("attribute[%(code)s] must be one of the listed keys."))
    return value


CHECKS = {
    Datatype.STRING: _string,
    Datatype.TEXT: lambda attribute, value: _string(attribute, value, MAX_TEXT),
    Datatype.NUMBER: _number,
    Datatype.DATETIME: _datetime,
    Datatype.SINGLE: _single,
}
