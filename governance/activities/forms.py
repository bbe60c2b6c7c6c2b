import uuid
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courtyards.models import Community
from governance.accounts import permissions
from governance.accounts.permissions import Action

from . import selectors, services
from .choices import FamilyReason, HelperKind
from .models import Activity


class ActivityLogForm(forms.Form):
    """The quick log form: a few taps on a phone, defaults from the worker's last activity."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    type = forms.ModelChoiceField(selectors.activity_types(), label=_("Type"), empty_label=None)
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    hours = forms.DecimalField(label=_("Duration (hours)"), min_value=0, max_value=24, decimal_places=1, initial=2)
    community = forms.ModelChoiceField(Community.objects.none(), label=_("Community"), to_field_name="code", empty_label=None)
    station = forms.ModelChoiceField(None, label=_("Service station"), required=False, empty_label=_("None (in the community)"))
    organiser = forms.ChoiceField(label=_("Organiser"), required=False)
    person_times = forms.IntegerField(
        label=_("Person-times served"), min_value=0, max_value=100_000, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    headcount = forms.IntegerField(label=_("Headcount (if different)"), min_value=0, max_value=100_000, required=False)
    project = forms.ModelChoiceField(None, label=_("Funded project"), required=False, empty_label=_("None"))
    capacity = forms.IntegerField(label=_("Places for residents' sign-up"), min_value=1, max_value=10_000, required=False)
    title = forms.CharField(label=_("Title"), max_length=100, required=False)
    description = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    volunteers = forms.CharField(
        label=_("Volunteers and their hours"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line: mobile number, then hours, e.g. 13900000001 2"),
    )
    photo = forms.FileField(label=_("Photo"), required=False, widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = permissions.visible(user, Community.objects.order_by("code"), Action.FIELD)
        self.fields["station"].queryset = selectors.stations_for(user=user)
        # A street's worker is offered the stations of every community: each reads 新鸿社区 · 连心驿站.
        self.fields["station"].label_from_instance = lambda station: f"{station.community.name} · {station.name}"
        self.organiser_bodies = selectors.organiser_bodies_for(user=user)
        self.fields["organiser"].choices = organiser_choices(self.organiser_bodies)
        self.fields["project"].queryset = selectors.projects_for(user=user, action=Action.FIELD)

    QUICK_FIELDS = ("type", "day", "start", "hours", "community", "station", "organiser", "person_times")

    def quick_fields(self) -> list:
        """What a worker on site checks; the rest folds away under "More"."""
        return [self[name] for name in self.QUICK_FIELDS]

    def more_fields(self) -> list:
        return [field for field in self.visible_fields() if field.name not in self.QUICK_FIELDS]

    def more_open(self) -> bool:
        return any(field.errors or field.value() for field in self.more_fields())

    @classmethod
    def initial_for(cls, user) -> dict:
        """Today, now, the worker's community, and the place and organiser of their last activity."""
        now = timezone.localtime()
        initial = {"idempotency_key": uuid.uuid4(), "day": now.date(), "start": now.time().replace(second=0, microsecond=0)}
        last = selectors.last_logged_by(user=user)
        if last is not None:
            initial.update(type=last.type_id, station=last.station_id, organiser=choice_of(last.organiser), community=last.community.code)
        return initial

    def clean_volunteers(self) -> list:
        """ "13900000001 2" lines -> [(user, hours)]; every number must belong to someone registered."""
        parsed = {}
        for line in filter(None, (line.strip() for line in self.cleaned_data["volunteers"].splitlines())):
            parts = line.replace(",", " ").replace("，", " ").split()
            try:
                phone, hours = parts[0], Decimal(parts[1])
            except (IndexError, InvalidOperation):
                raise forms.ValidationError(_("Write each volunteer as: mobile number, then hours.")) from None
            if len(parts) != 2 or not 0 < hours <= 24 or phone in parsed:
                raise forms.ValidationError(_("Write each volunteer once, with between 0.5 and 24 hours."))
            parsed[phone] = hours
        users = selectors.users_by_phone(phones=list(parsed))
        unknown = [phone for phone in parsed if phone not in users]
        if unknown:
            raise forms.ValidationError(_("No one is registered with %(phones)s.") % {"phones": "、".join(unknown)})
        return [(users[phone], hours) for phone, hours in parsed.items()]

    def clean_organiser(self):
        """ "association:7" -> the association's organiser (created on first use), "" -> the community itself."""
        if not self.cleaned_data["organiser"]:
            return None
        kind, pk = self.cleaned_data["organiser"].split(":")
        chosen = next(row for row in self.organiser_bodies[kind] if str(row.pk) == pk)
        return chosen if kind == "organiser" else services.organiser_for(body=chosen)

    def clean(self):
        data = super().clean()
        station, community = data.get("station"), data.get("community")
        if station and community and station.community_id != community.pk:
            self.add_error("station", _("This station is in another community."))
        return data

    def activity_fields(self) -> dict:
        data = self.cleaned_data
        starts_at = timezone.make_aware(datetime.combine(data["day"], data["start"]))
        return {
            "idempotency_key": data["idempotency_key"],
            "type": data["type"],
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=float(data["hours"])),
            "community": data["community"],
            "station": data["station"],
            "organiser": data["organiser"],
            "project": data["project"],
            "person_times": data["person_times"],
            "headcount": data["headcount"] if data["headcount"] is not None else data["person_times"],
            "capacity": data["capacity"],
            "title": data["title"],
            "description": data["description"],
            "volunteers": data.get("volunteers") or [],
        }


ORGANISER_GROUPS = {
    "association": _("Associations"),
    "committee": _("Committees"),
    "enterprise": _("Enterprises of the alliance"),
    "organiser": _("Other organisers"),
}


def organiser_choices(bodies: dict[str, list]) -> list:
    """Grouped choices; values name the body ("association:7") so the organiser row is made only when used."""
    groups = [(label, [(f"{kind}:{row.pk}", row.name) for row in bodies[kind]]) for kind, label in ORGANISER_GROUPS.items()]
    return [("", _("The community itself")), *((label, rows) for label, rows in groups if rows)]


def choice_of(organiser) -> str:
    """The choice value of an organiser already used: its body if it has one."""
    if organiser is None:
        return ""
    body_id = organiser.association_id or organiser.committee_id or organiser.enterprise_id
    return f"{organiser.kind}:{body_id}" if body_id else f"organiser:{organiser.pk}"


class ActivityEditForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["type", "title", "starts_at", "ends_at", "person_times", "headcount", "capacity", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo"), widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))


class HoursReportForm(forms.Form):
    hours = forms.DecimalField(label=_("Hours I volunteered"), min_value=0.5, max_value=24, decimal_places=1)


class CaseNoteForm(forms.Form):
    text = forms.CharField(label=_("Case note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class HelpRecordForm(forms.Form):
    description = forms.CharField(label=_("Help given"), max_length=200)
    given_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    activity = forms.ModelChoiceField(None, label=_("At the activity"), required=False, to_field_name="code", empty_label=_("None"))
    helper_kind = forms.ChoiceField(
        label=_("Given by"), required=False, choices=[("", _("The activity's organiser, else the community")), *HelperKind.choices]
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = selectors.recent_activities(community_id=family.community_id)


class SpecialFamilyForm(forms.Form):
    """A new case file; the worker who opens it is its assigned social worker."""

    community = forms.ModelChoiceField(Community.objects.none(), label=_("Community"), to_field_name="code", empty_label=None)
    head_name = forms.CharField(label=_("Head of household"), max_length=50)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    reason = forms.ChoiceField(label=_("Reason"), choices=FamilyReason.choices)
    needs = forms.CharField(label=_("Needs"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = permissions.visible(user, Community.objects.order_by("code"), Action.FIELD)


class GrantForm(forms.Form):
    staff = forms.CharField(label=_("Username or mobile number of the staff member"), max_length=150)
