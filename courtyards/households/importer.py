"""Bulk import of households from CSV or XLSX, with the tree import's row-numbered, all-or-nothing errors.

One row is one household: ``unit_code`` (or ``address``, the unit's full address as the portal writes
it, 新鸿社区新鸿南路院落1栋1单元), ``room``, and optionally ``size``, ``tags`` (separated by 、 , ; or
spaces; codes or the Chinese names) and, for a resettled household 安置户, ``origin_community`` and
``origin_group``. Chinese headers (单元编码, 地址, 房号, 人口数, 标签, 原社区, 原村民小组) are accepted.
A household already recorded takes the row's values (its tags are replaced). The whole file is
checked first; a file with any problem writes nothing.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.core.text import MESSAGE, control_character

from ..choices import HouseholdTag
from ..importer import RowError, TreeImportError
from ..models import Community, Household, Unit
from .models import HouseholdTagRow
from .services import household_record

HEADERS = {
    "单元编码": "unit_code",
    "地址": "address",
    "房号": "room",
    "人口数": "size",
    "户人数": "size",
    "标签": "tags",
    "原社区": "origin_community",
    "原村民小组": "origin_group",
    "原小组": "origin_group",
}
# The words a street office writes in the tag column, beside the codes and the labels in either language.
TAG_WORDS = {
    "独居老人": HouseholdTag.ELDERLY_ALONE,
    "空巢老人": HouseholdTag.ELDERLY_ALONE,
    "低保": HouseholdTag.LOW_INCOME,
    "低保户": HouseholdTag.LOW_INCOME,
    "低收入": HouseholdTag.LOW_INCOME,
    "残疾": HouseholdTag.DISABLED,
    "残疾人": HouseholdTag.DISABLED,
    "留守儿童": HouseholdTag.LEFT_BEHIND_CHILD,
    "优抚对象": HouseholdTag.ENTITLED_CARE,
}
TAG_SEPARATORS = str.maketrans(dict.fromkeys("、,，;；/", " "))
MAX_SIZE = 99


def household_header(header: str) -> str:
    header = (header or "").strip()
    return HEADERS.get(header, header.lower())


@dataclass
class HouseholdRow:
    row: int
    unit: Unit
    room: str
    size: int | None
    tags: list[str] = field(default_factory=list)
    origin: tuple[str, str] | None = None


def households_import(*, rows: list[dict], user=None) -> int:
    """Check every row, then record every household; raises TreeImportError and writes nothing on any problem."""
    planned, errors = _plan(rows, user)
    if errors:
        raise TreeImportError(errors)
    with transaction.atomic():
        for item in planned:
            household_record(unit=item.unit, room=item.room, size=item.size, tags=item.tags, origin=item.origin)
    return len(planned)


def _plan(rows: list[dict], user) -> tuple[list[HouseholdRow], list[RowError]]:
    units = _units_named(rows)
    planned, errors, seen = [], [], {}
    if not rows:
        errors.append(RowError(2, "", _("The file has a header but no rows.")))
    for number, row in enumerate(rows, start=2):
        item, error = _check_row(number, row, units, user)
        if error is None and (item.unit.pk, item.room) in seen:
            error = RowError(number, "room", _("Row %(row)s already has this room.") % {"row": seen[(item.unit.pk, item.room)]})
        if error is not None:
            errors.append(error)
            continue
        seen[(item.unit.pk, item.room)] = number
        planned.append(item)
    return planned, errors


def _units_named(rows: list[dict]) -> dict[str, Unit]:
    """Unit code -> unit and full address -> unit, for every unit the file can mean (two queries)."""
    related = Unit.objects.select_related("community", "courtyard", "building")
    codes = {row.get("unit_code", "") for row in rows} - {""}
    found = {unit.code: unit for unit in related.filter(code__in=codes)}
    addresses = {row.get("address", "") for row in rows} - {""}
    if addresses:
        names = [name for name in Community.objects.values_list("name", flat=True) if any(a.startswith(name) for a in addresses)]
        found.update({unit.address: unit for unit in related.filter(community__name__in=names)})
    return found


def _check_row(number: int, row: dict, units: dict, user) -> tuple[HouseholdRow | None, RowError | None]:
    unit, error = _unit(number, row, units)
    room = row.get("room", "")
    error = error or _check_room(number, room)
    size, size_error = _size(number, row.get("size", ""))
    tags, tags_error = _tags(number, row.get("tags", ""))
    origin, origin_error = _origin(number, row)
    error = error or size_error or tags_error or origin_error
    if error is None and user is not None:
        error = _check_permission(number, user, unit, tags)
    if error is not None:
        return None, error
    return HouseholdRow(number, unit, room, size, tags, origin), None


def _unit(number: int, row: dict, units: dict) -> tuple[Unit | None, RowError | None]:
    code, address = row.get("unit_code", ""), row.get("address", "")
    if not code and not address:
        return None, RowError(number, "unit_code", _("Give the unit code or the unit's full address."))
    unit = units.get(code) if code else units.get(address)
    if unit is None:
        column, value = ("unit_code", code) if code else ("address", address)
        return None, RowError(number, column, _("No unit is “%(value)s”.") % {"value": value})
    return unit, None


def _check_room(number: int, room: str) -> RowError | None:
    if not room:
        return RowError(number, "room", _("The room is missing."))
    if len(room) > 20:
        return RowError(number, "room", _("The room is longer than 20 characters."))
    if control_character(room):
        return RowError(number, "room", str(MESSAGE % {"code": control_character(room)}))
    return None


def _size(number: int, value: str) -> tuple[int | None, RowError | None]:
    if not value:
        return None, None
    try:
        size = int(float(value)) if float(value).is_integer() else -1  # XLSX cells arrive as "3.0"
    except ValueError:
        size = -1
    if not 1 <= size <= MAX_SIZE:
        return None, RowError(
            number, "size", _("“%(value)s” is not a number of people from 1 to %(max)s.") % {"value": value, "max": MAX_SIZE}
        )
    return size, None


def _tags(number: int, value: str) -> tuple[list[str], RowError | None]:
    tags = []
    for word in value.translate(TAG_SEPARATORS).split():
        tag = _tag_named(word)
        if tag is None:
            allowed = "、".join(str(label) for label in HouseholdTag.labels)
            return [], RowError(
                number, "tags", _("“%(value)s” is not a known tag; use one of: %(allowed)s.") % {"value": word, "allowed": allowed}
            )
        tags.append(tag)
    return sorted(set(tags)), None


def _tag_named(word: str) -> str | None:
    if word in HouseholdTag.values or word in TAG_WORDS:
        return TAG_WORDS.get(word, word)
    for code, label in HouseholdTag.choices:
        with translation.override("en"):
            english = str(label)
        if word in (english, str(label)):
            return code
    return None


def _origin(number: int, row: dict) -> tuple[tuple[str, str] | None, RowError | None]:
    community, group = row.get("origin_community", ""), row.get("origin_group", "")
    if group and not community:
        return None, RowError(number, "origin_community", _("A resident group needs the community it belonged to."))
    if len(community) > 100 or len(group) > 100:
        return None, RowError(number, "origin_community", _("The name is longer than 100 characters."))
    if control_character(community + group):
        return None, RowError(number, "origin_community", str(MESSAGE % {"code": control_character(community + group)}))
    return ((community, group) if community else None), None


def _check_permission(number: int, user, unit: Unit, tags: list[str]) -> RowError | None:
    household = Household(
        unit=unit, **{f"{level}_id": getattr(unit, f"{level}_id") for level in ("courtyard", "community", "street", "district")}
    )
    if not permissions.can(user, Action.MANAGE, household):
        return RowError(number, "unit_code", _("You may not record households in “%(unit)s”.") % {"unit": unit.address})
    if tags and not permissions.can(user, Action.MANAGE, HouseholdTagRow(household=household)):
        return RowError(number, "tags", _("You may not record the tags of households in “%(unit)s”.") % {"unit": unit.address})
    return None
