from django import forms
from django.utils.translation import gettext_lazy as _

from governance.accounts.models import phone_validator

from ..models import Category


class HotlineRequestForm(forms.Form):
    """The operator's form while the caller is on the line."""

    phone = forms.CharField(label=_("Caller's mobile number"), max_length=11, validators=[phone_validator])
    name = forms.CharField(label=_("Caller's name"), max_length=60, required=False, help_text=_("Optional."))
    category = forms.ModelChoiceField(Category.objects.filter(active=True), to_field_name="code", label=_("Category"))
    place = forms.ChoiceField(label=_("Where"), help_text=_("Type to search a community or courtyard of your area."))
    title = forms.CharField(label=_("Title"), max_length=100)
    text = forms.CharField(label=_("What the caller said"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", "—"), *places]


class TrackingStartForm(forms.Form):
    number = forms.CharField(label=_("Tracking number"), max_length=20, help_text=_("For example CH-2026-000123."))
    phone = forms.CharField(label=_("Mobile number"), max_length=11, validators=[phone_validator])


class TrackingCodeForm(forms.Form):
    code = forms.CharField(label=_("Code from the SMS"), min_length=6, max_length=6)
