from django import forms
from django.utils.translation import gettext_lazy as _

from . import extensions

DECISIONS = [("approve", _("Approve")), ("refuse", _("Refuse"))]


class ExtensionForm(forms.Form):
    """延期申请: why, and how much more time (a number of days, or the new date to resolve by)."""

    reason = forms.CharField(label=_("Why more time is needed"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    days = forms.IntegerField(label=_("More days"), min_value=1, max_value=365, required=False)
    until = forms.DateField(label=_("Or: resolve by"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if not data.get("days") and not data.get("until"):
            raise forms.ValidationError(_("Give a number of days or a new date."))
        return data

    def service_kwargs(self) -> dict:
        return extensions.extension_amount(days=self.cleaned_data.get("days"), until=self.cleaned_data.get("until"))


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))
