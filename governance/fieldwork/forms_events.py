"""The phone form for an event found in the field: a tap for the category, the place defaulted, a line of text."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.requests.forms import MultipleImageField
from governance.requests.models import Category

from .choices import PatrolCheck


class FieldEventForm(forms.Form):
    """The categories are large tiles (.tiles in static/css/portal.css): one tap each on a phone."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    patrol = forms.UUIDField(widget=forms.HiddenInput, required=False)
    visit = forms.UUIDField(widget=forms.HiddenInput, required=False)
    category = forms.ModelChoiceField(
        Category.objects.filter(active=True).order_by("pk"),
        to_field_name="code",
        label=_("Category"),
        widget=forms.RadioSelect(attrs={"class": "tiles"}),
        empty_label=None,
    )
    place = forms.ChoiceField(label=_("Where"))
    kind = forms.ChoiceField(label=_("Found while checking"), choices=[("", _("—")), *PatrolCheck.choices], required=False)
    text = forms.CharField(label=_("Problem found"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultipleImageField(label=_("Photos"), required=False, help_text=_("Up to 5 images, 5 MB each. Location data is removed."))
    on_spot = forms.BooleanField(label=_("Resolved on the spot (就地解决)"), required=False)
    on_spot_note = forms.CharField(label=_("What was done"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    on_spot_photos = MultipleImageField(label=_("Photo after"), required=False)

    def __init__(self, *args, places: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.places = places
        self.fields["place"].choices = [(key, label) for key, (label, _node) in places.items()]

    @classmethod
    def initial_for(cls, *, place_key: str = "", patrol=None, visit=None) -> dict:
        return {"idempotency_key": uuid.uuid4(), "place": place_key, "patrol": patrol, "visit": visit}

    def clean(self):
        data = super().clean()
        if data.get("on_spot") and not (data.get("on_spot_note") or "").strip():
            self.add_error("on_spot_note", _("Say what was done on the spot."))
        return data

    def event_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "idempotency_key": data["idempotency_key"],
            "category": data["category"],
            "place": self.places[data["place"]][1],
            "kind": data["kind"],
            "text": data["text"],
            "photo_files": data["photos"],
            "on_spot_note": data["on_spot_note"] if data["on_spot"] else "",
            "on_spot_photos": data["on_spot_photos"] if data["on_spot"] else [],
        }
