from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import PeriodKind


class ReportJobForm(forms.Form):
    period_kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices, initial=PeriodKind.MONTHLY)
    start = forms.DateField(
        label=_("From"),
        help_text=_("For a monthly, quarterly or yearly report: any day of that month, quarter or year."),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=_("To (custom period only)"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
