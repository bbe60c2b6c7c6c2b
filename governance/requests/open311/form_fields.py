"""A category's service attributes as fields of the resident's web form, checked by the same code as Open311
(attributes.answer), with messages worded for a resident rather than for an Open311 client."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import attributes
from .models import Datatype

PREFIX = "attribute_"

FORM_WORDING = {
    "required": _("Please answer: %(question)s"),
    "keys": _("Choose among the listed answers."),
    "one": _("Give one answer."),
    "long": _("This answer is too long."),
    "number": _("Give a number, for example 3 or 2.5."),
    "datetime": _("Give a date and a time."),
    "key": _("Choose one of the listed answers."),
}


def field_for(attribute) -> forms.Field:
    """Optional for Django: `answers_clean` enforces `required` with the resident's wording."""
    label, attrs = attribute.description, {"aria-required": "true"} if attribute.required else {}
    choices = [(str(v["key"]), str(v["name"])) for v in attribute.values or []]
    if attribute.datatype == Datatype.SINGLE:
        return forms.ChoiceField(label=label, choices=[("", "---------"), *choices], required=False, widget=forms.Select(attrs=attrs))
    if attribute.datatype == Datatype.MULTI:
        return forms.MultipleChoiceField(label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple)
    widgets = {
        Datatype.TEXT: forms.Textarea(attrs={"rows": 3, **attrs}),
        Datatype.DATETIME: forms.DateTimeInput(attrs={"type": "datetime-local", **attrs}),
        Datatype.NUMBER: forms.TextInput(attrs={"inputmode": "decimal", **attrs}),
    }
    return forms.CharField(label=label, required=False, widget=widgets.get(attribute.datatype, forms.TextInput(attrs=attrs)))


def fields_add(form: forms.Form, category, *, after: str) -> list:
    """The category's attributes become fields of `form`, placed after the field `after`; returns the attributes."""
    asked = list(category.attributes.all()) if category is not None else []
    names = list(form.fields)
    for attribute in asked:
        form.fields[PREFIX + attribute.code] = field_for(attribute)
    position = names.index(after) + 1
    form.order_fields([*names[:position], *(PREFIX + a.code for a in asked), *names[position:]])
    return asked


def answers_clean(form: forms.Form, asked: list) -> dict:
    """code -> checked value of each attribute answered; a problem becomes an error on its field."""
    found = {}
    for attribute in asked:
        name = PREFIX + attribute.code
        raw = form.data.getlist(name) if hasattr(form.data, "getlist") else [form.data.get(name, "")]
        try:
            value = attributes.answer(attribute, raw)
        except attributes.AnswerProblem as problem:
            form.add_error(name, str(FORM_WORDING[problem.problem]) % {"question": attribute.description})
            continue
        if value is not None:
            found[attribute.code] = value
    return found
