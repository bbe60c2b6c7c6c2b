from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import Committee, Need
from courtyards.models import Community, Street
from governance.accounts.models import User

from .choices import Anchor, AssociationKind, EnterpriseKind, PledgeKind, ReviewStatus


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


class PledgeFulfilmentForm(forms.Form):
    used = forms.IntegerField(min_value=1, label=_("Places or jobs used"))
    happened_on = forms.DateField(label=_("Fulfilled on"), widget=forms.DateInput(attrs={"type": "date"}))
    need = forms.ModelChoiceField(Need.objects.none(), required=False, to_field_name="code", label=_("Need served"))
    note = forms.CharField(max_length=200, required=False, label=_("Note"))

    def __init__(self, *args, needs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs if needs is not None else Need.objects.none()


class AssociationForm(forms.Form):
    community = forms.ModelChoiceField(Community.objects.none(), to_field_name="code", label=_("Community"))
    courtyard_code = forms.CharField(label=_("Courtyard code"), required=False, help_text=_("Only for an association of one courtyard."))
    name = forms.CharField(max_length=100, label=_("Name"))
    kind = forms.ChoiceField(choices=AssociationKind.choices, label=_("Kind"))
    anchor = forms.ChoiceField(choices=Anchor.choices, label=_("Anchored to"))
    interest = forms.CharField(max_length=100, required=False, label=_("Interest"))
    guiding_committee = forms.ModelChoiceField(Committee.objects.none(), required=False, to_field_name="code", label=_("Guiding committee"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Description"))
    how_to_join = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("How to join"))
    leader_phone = forms.CharField(max_length=11, required=False, label=_("Leader's mobile number"))

    def __init__(self, *args, communities=None, committees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities if communities is not None else Community.objects.none()
        self.fields["guiding_committee"].queryset = committees if committees is not None else Committee.objects.none()

    def clean_leader_phone(self):
        phone = self.cleaned_data["leader_phone"].strip()
        if not phone:
            return None
        user = User.objects.filter(phone=phone, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No registered resident has this mobile number."))
        return user


class EnterpriseForm(forms.Form):
    street = forms.ModelChoiceField(Street.objects.none(), to_field_name="code", label=_("Street"))
    name = forms.CharField(max_length=100, label=_("Name"))
    kind = forms.ChoiceField(choices=EnterpriseKind.choices, label=_("Kind"))
    alliance_member = forms.BooleanField(required=False, initial=True, label=_("Member of the alliance"))
    contact = forms.CharField(max_length=100, required=False, label=_("Contact"))

    def __init__(self, *args, streets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].queryset = streets if streets is not None else Street.objects.none()


class PledgeForm(forms.Form):
    kind = forms.ChoiceField(choices=PledgeKind.choices, label=_("Kind"))
    title = forms.CharField(max_length=200, label=_("What is offered"))
    capacity = forms.IntegerField(min_value=1, label=_("Capacity"))
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(required=False, label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data


class LeaderForm(forms.Form):
    phone = forms.CharField(max_length=11, label=_("Leader's mobile number"))

    def clean_phone(self):
        user = User.objects.filter(phone=self.cleaned_data["phone"].strip(), is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No registered resident has this mobile number."))
        return user
