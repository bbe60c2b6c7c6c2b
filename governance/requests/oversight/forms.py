from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import Satisfaction


class SupervisionForm(forms.Form):
    instruction = forms.CharField(label=_("Instruction to the owner"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    reply_due_on = forms.DateField(label=_("Reply due on"), widget=forms.DateInput(attrs={"type": "date"}))


class SupervisionReplyForm(forms.Form):
    reply = forms.CharField(label=_("Reply to the supervision"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


REACHED_CHOICES = [("yes", _("Reached")), ("no", _("Not reached"))]


class CallbackForm(forms.Form):
    """One phone call of a callback 回访: reached or not; if reached, how satisfied; a note."""

    reached = forms.ChoiceField(label=_("Resident reached by phone"), choices=REACHED_CHOICES, widget=forms.RadioSelect)
    satisfaction = forms.ChoiceField(
        label=_("Satisfaction"), choices=[("", "—"), *Satisfaction.choices], required=False, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("reached") == "yes" and not data.get("satisfaction"):
            self.add_error("satisfaction", _("Say whether the resident was satisfied."))
        if data.get("reached") == "no":
            data["satisfaction"] = ""
        return data
