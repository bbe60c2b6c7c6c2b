from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import Need

from .choices import ReviewStatus


class ApplyForm(forms.Form):
    message = forms.CharField(max_length=200, required=False, label=_("Message to the leader"))


class ReviewForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"), initial=lambda: timezone.localdate().year)
    status = forms.ChoiceField(choices=ReviewStatus.choices, label=_("Result"))
    findings = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Findings"))


class PledgeMatchForm(forms.Form):
    need = forms.ModelChoiceField(Need.objects.none(), to_field_name="code", label=_("Need of residents"))

    def __init__(self, *args, needs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs if needs is not None else Need.objects.none()
