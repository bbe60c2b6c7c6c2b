"""One rule for text that enters the portal, and the other side of it for text that leaves as XML.

A C0 control character (other than tab, line feed and carriage return) never belongs in a title,
a name or a note: PostgreSQL cannot store NUL, openpyxl refuses to write the others into a
workbook and XML 1.0 forbids them, so one stored \\x01 broke the XLSX export of a whole area and
one \\x07 made the Open311 XML feed unreadable for every client. The rule is applied to every
CharField and TextField of the project's models at start-up (`install`), so forms, the admin,
DRF model serializers and full_clean() all run it, and a pre_save guard catches the services
that save without full_clean().
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

PROJECT_PACKAGES = ("governance", "courtyards", "committees", "associations")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# What XML 1.0 allows (§2.2); everything else is dropped on the way out, for rows stored before the rule.
XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MESSAGE = _("The text contains an invisible control character (%(code)s), often pasted from another program: remove it and try again.")


def control_character(value) -> str | None:
    """The first forbidden control character in `value` as U+00XX, or None."""
    found = CONTROL.search(value) if isinstance(value, str) else None
    return f"U+{ord(found.group()):04X}" if found else None


def refuse_control_characters(value) -> None:
    """The validator: a ValidationError naming the character, so the person can find and remove it."""
    code = control_character(value)
    if code:
        raise ValidationError(MESSAGE, code="control_character", params={"code": code})


def xml_safe(value: str) -> str:
    """`value` without the characters XML 1.0 forbids."""
    return XML_FORBIDDEN.sub("", value)


def is_project_model(model) -> bool:
    return model.__module__.split(".")[0] in PROJECT_PACKAGES


def text_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)]


def install(all_models) -> None:
    """Give every text field of the project's models the rule, and guard their saves.

    It goes into the field's default_validators rather than its validators, so it is not part of
    the field's deconstruction: no migration for each app, and a field added later gets it too.
    """
    for model in all_models:
        if not is_project_model(model):
            continue
        for field in text_fields(model):
            if refuse_control_characters not in field.default_validators:
                field.default_validators = [*field.default_validators, refuse_control_characters]
                field.__dict__.pop("validators", None)  # a cached_property: recompute with the rule
        pre_save.connect(_guard_save, sender=model, dispatch_uid=f"text-rule:{model._meta.label}")


def _guard_save(sender, instance, update_fields=None, **kwargs) -> None:
    """Refuse a save that would store a control character, whichever path it took (create(), save())."""
    errors = {}
    for field in text_fields(sender):
        if update_fields is not None and field.name not in update_fields:
            continue  # only what this save writes: an old row may still be moved through its workflow
        code = control_character(getattr(instance, field.attname))
        if code:
            errors[field.name] = ValidationError(MESSAGE, code="control_character", params={"code": code})
    if errors:
        raise ValidationError(errors)
