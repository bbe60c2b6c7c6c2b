"""The phone form of a patrol 巡查登记: a few taps, start and end filled with now, the grid's courtyards ticked."""

import json
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import selectors
from .choices import PatrolCheck
from .services import MAX_PHOTOS

MINUTE_FORMAT = "%Y-%m-%dT%H:%M"


def moment_field(label) -> forms.DateTimeField:
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MINUTE_FORMAT)
    return forms.DateTimeField(label=label, widget=widget, input_formats=[MINUTE_FORMAT, "%Y-%m-%d %H:%M"])


def now_minute() -> str:
    return timezone.localtime().strftime(MINUTE_FORMAT)


class PhotosInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Photos taken with the phone's camera; each is re-encoded without EXIF by the service."""

    def __init__(self, **kwargs):
        attrs = {"accept": "image/*", "multiple": True, "capture": "environment", "class": "photo-input"}
        super().__init__(widget=PhotosInput(attrs=attrs), **kwargs)

    def clean(self, data, initial=None):
        files = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(_("At most %(n)s photos.") % {"n": MAX_PHOTOS})
        return [super(PhotosField, self).clean(upload, initial) for upload in files]


class PatrolLogForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    started_at = moment_field(_("Started at"))
    ended_at = moment_field(_("Ended at"))
    courtyards = forms.ModelMultipleChoiceField(
        None, label=_("Courtyards patrolled"), to_field_name="code", widget=forms.CheckboxSelectMultiple(attrs={"class": "big-choice"})
    )
    checks = forms.MultipleChoiceField(
        choices=PatrolCheck.choices,
        label=_("What you checked"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "toggle"}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    route = forms.CharField(required=False, widget=forms.HiddenInput)
    photos = PhotosField(label=_("Photos"), required=False)

    def __init__(self, *args, grid, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = grid
        self.fields["courtyards"].queryset = selectors.grid_courtyards(grid=grid)

    @classmethod
    def initial_for(cls) -> dict:
        return {"idempotency_key": uuid.uuid4(), "started_at": now_minute(), "ended_at": now_minute()}

    def clean_route(self) -> list:
        raw = self.cleaned_data["route"].strip()
        try:
            return json.loads(raw) if raw else []
        except ValueError:
            raise forms.ValidationError(_("The route from the phone could not be read.")) from None

    def patrol_fields(self) -> dict:
        data = self.cleaned_data
        fields = ("idempotency_key", "started_at", "ended_at", "courtyards", "checks", "note", "route", "photos")
        return {"grid": self.grid, **{name: data[name] for name in fields}}
