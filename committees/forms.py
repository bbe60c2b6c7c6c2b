from django import forms
from django.utils.translation import gettext_lazy as _

from courtyards.models import Community, Unit
from governance.accounts.models import User

from .choices import CommitteeKind, CommitteeTopic, CouncilSeat, MemberRole, NeedStatus, Outcome
from .models import Membership, Need


class CommitteeForm(forms.Form):
    community = forms.ModelChoiceField(Community.objects.none(), to_field_name="code", label=_("Community"))
    courtyard_code = forms.CharField(label=_("Courtyard code"), required=False, help_text=_("Only for a courtyard group or council."))
    building_code = forms.CharField(label=_("Building code"), required=False, help_text=_("Only for a building group: its building."))
    kind = forms.ChoiceField(choices=[c for c in CommitteeKind.choices if c[0] != CommitteeKind.FEDERATION], label=_("Kind"))
    topic = forms.ChoiceField(choices=[("", "—"), *CommitteeTopic.choices], required=False, label=_("Topic"))
    name = forms.CharField(max_length=100, label=_("Name"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Description"))

    def __init__(self, *args, communities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities if communities is not None else Community.objects.none()


class AppointForm(forms.Form):
    phone = forms.CharField(max_length=11, label=_("Resident's mobile number"))
    role = forms.ChoiceField(choices=MemberRole.choices, label=_("Role"))
    seat = forms.ChoiceField(choices=[("", "—"), *CouncilSeat.choices], required=False, label=_("Council seat"))
    started_on = forms.DateField(label=_("Term starts"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Term ends"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    handles_requests = forms.BooleanField(
        label=_("Handles the requests this body owns"),
        required=False,
        help_text=_("The chair and vice-chair always do."),
    )

    def clean_phone(self):
        user = User.objects.filter(phone=self.cleaned_data["phone"].strip(), is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No registered resident has this mobile number."))
        return user


class MeetingForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("Title"))
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    place = forms.CharField(max_length=200, label=_("Place"))
    agenda = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Agenda"), help_text=_("One item per line."))


class AgendaItemForm(forms.Form):
    title = forms.CharField(max_length=200, required=False, label=_("Item"))
    need = forms.ModelChoiceField(Need.objects.none(), required=False, to_field_name="code", label=_("Need of residents"))

    def __init__(self, *args, needs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs if needs is not None else Need.objects.none()

    def clean(self):
        data = super().clean()
        if not data.get("title") and not data.get("need"):
            raise forms.ValidationError(_("Write an item or choose a need."))
        return data


class MinutesForm(forms.Form):
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), label=_("Minutes"))


class DecisionForm(forms.Form):
    motion = forms.CharField(max_length=300, label=_("Motion"))
    votes_for = forms.IntegerField(min_value=0, initial=0, label=_("Votes for"))
    votes_against = forms.IntegerField(min_value=0, initial=0, label=_("Votes against"))
    votes_abstaining = forms.IntegerField(min_value=0, initial=0, label=_("Abstentions"))
    outcome = forms.ChoiceField(choices=Outcome.choices, label=_("Outcome"))
    need = forms.ModelChoiceField(Need.objects.none(), required=False, to_field_name="code", label=_("Need of residents"))

    def __init__(self, *args, needs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs if needs is not None else Need.objects.none()


class ActionForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("Action"))
    owner = forms.ModelChoiceField(Membership.objects.none(), label=_("Owner"))
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members if members is not None else Membership.objects.none()


class ActionDoneForm(forms.Form):
    result = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        label=_("What was done"),
    )


class NeedForm(forms.Form):
    title = forms.CharField(max_length=120, label=_("What is needed"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Details"))


class NeedStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(NeedStatus.IN_PROGRESS, NeedStatus.IN_PROGRESS.label), (NeedStatus.DONE, NeedStatus.DONE.label)], label=_("Status")
    )
    result = forms.CharField(required=False, max_length=2000, label=_("What was done"))


class CommitteeEditForm(forms.Form):
    name = forms.CharField(max_length=100, label=_("Name"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Description"))
    is_active = forms.BooleanField(
        required=False, label=_("Active"), help_text=_("An inactive body leaves the public pages; its history stays.")
    )


class MembershipLinkForm(forms.Form):
    """Which unit of the body's building a member stands for, or which body or association a federation member represents."""

    unit = forms.ModelChoiceField(
        Unit.objects.none(),
        required=False,
        to_field_name="code",
        label=_("Unit"),
        error_messages={"invalid_choice": _("Choose a unit of this body's building.")},
    )
    represents = forms.ChoiceField(
        choices=[("", "—")],
        required=False,
        label=_("Represents"),
        error_messages={"invalid_choice": _("A member of the street federation represents a body or an association of its street.")},
    )

    def __init__(self, *args, units=None, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.bodies = {body_key(body): body for body in bodies}
        self.fields["represents"].choices = [("", "—"), *((key, str(body)) for key, body in self.bodies.items())]

    def clean_represents(self):
        return self.bodies.get(self.cleaned_data["represents"])


def body_key(body) -> str:
    """A body's or an association's value in a choice: its kind of row and its code."""
    return f"{body._meta.model_name}:{body.code}"
