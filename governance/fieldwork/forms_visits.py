"""The phone form of a household visit 入户走访: the household by building > unit > room (a search fills them in)."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from courtyards.pickers import PlaceChoiceField

from . import selectors
from .choices import VisitPurpose
from .forms_patrols import moment_field, now_minute


def grouped_units(units) -> list:
    """[(courtyard and building, [(unit id, its whole name), ...]), ...]: one optgroup per building, each option read alone too."""
    groups: dict[str, list] = {}
    for unit in units:
        groups.setdefault(f"{unit.courtyard.name} {unit.building.name}", []).append((unit.pk, unit.full_name))
    return [("", "---------")] + list(groups.items())


class VisitLogForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    unit = PlaceChoiceField(None, label=_("Building and unit"), required=False)
    room = forms.CharField(label=_("Room"), max_length=20, required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    visited_at = moment_field(_("Visited at"))
    purpose = forms.ChoiceField(label=_("Purpose"), choices=VisitPurpose.choices, widget=forms.RadioSelect(attrs={"class": "big-choice"}))
    findings = forms.CharField(label=_("What you found"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up = forms.CharField(label=_("Follow-up"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    follow_up_due = forms.DateField(
        label=_("Follow up by"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, grid, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = grid
        units = selectors.grid_units(grid=grid)
        self.fields["unit"].queryset = units
        self.fields["unit"].choices = grouped_units(units)

    @classmethod
    def initial_for(cls, household=None) -> dict:
        initial = {"idempotency_key": uuid.uuid4(), "visited_at": now_minute(), "purpose": VisitPurpose.ROUTINE}
        if household is not None:
            initial.update(unit=household.unit_id, room=household.room)
        return initial

    def clean(self):
        data = super().clean()
        if not (data.get("unit") and data.get("room", "").strip()):
            raise forms.ValidationError(_("Choose the building, unit and room you visited, or search the household."))
        return data

    def visit_fields(self) -> dict:
        data = self.cleaned_data
        fields = ("idempotency_key", "visited_at", "purpose", "findings", "follow_up", "follow_up_due")
        return {"grid": self.grid, "unit": data["unit"], "room": data["room"], **{name: data[name] for name in fields}}
