from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from governance.accounts import permissions
from governance.accounts.choices import Role

from .choices import CovenantKind, EndorsementMethod
from .models import Building, Community, Courtyard, Grid, Unit
from .pickers import PlaceChoiceField, PlaceMultipleChoiceField


class HomeClaimForm(forms.Form):
    """Pick the home step by step: community, courtyard, building, unit, then the room."""

    community = forms.ModelChoiceField(Community.objects.order_by("code"), to_field_name="code", label=_("Community"))
    courtyard = forms.ModelChoiceField(Courtyard.objects.none(), to_field_name="code", label=_("Courtyard"))
    building = forms.ModelChoiceField(Building.objects.none(), to_field_name="code", label=_("Building"))
    unit = forms.ModelChoiceField(Unit.objects.none(), to_field_name="code", label=_("Unit"))
    room = forms.CharField(label=_("Room number"), max_length=20, help_text=_("For example 502."))
    note = forms.CharField(label=_("Note to community staff"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data
        self.fields["courtyard"].queryset = Courtyard.objects.filter(community__code=data.get("community") or "").order_by("code")
        self.fields["building"].queryset = Building.objects.filter(courtyard__code=data.get("courtyard") or "").order_by("code")
        self.fields["unit"].queryset = Unit.objects.filter(building__code=data.get("building") or "").order_by("code")


class DeclineForm(forms.Form):
    decline_reason = forms.CharField(label=_("Reason"), max_length=200)


class TreeImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"), help_text=_("At most 10 MB."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class CovenantVersionForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), label=_("Text"))
    adopted_on = forms.DateField(label=_("Adopted on"), widget=forms.DateInput(attrs={"type": "date"}))
    method = forms.ChoiceField(choices=EndorsementMethod.choices, label=_("How it was endorsed"))
    votes_for = forms.IntegerField(min_value=0, initial=0, label=_("In favour"))
    votes_against = forms.IntegerField(min_value=0, initial=0, label=_("Against"))
    votes_abstaining = forms.IntegerField(min_value=0, initial=0, label=_("Abstentions"))


class EndorsementRecordForm(forms.Form):
    """Staff record a household's paper signature: the unit by its whole address (a community has dozens of 1单元)."""

    unit = PlaceChoiceField(Unit.objects.none(), to_field_name="code", label=_("Unit"))
    room = forms.CharField(max_length=20, label=_("Room number"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class CovenantForm(CovenantVersionForm):
    """A new covenant or charter of a community (or one of its courtyards) with its first adopted text."""

    community = forms.ModelChoiceField(Community.objects.none(), to_field_name="code", label=_("Community"))
    # A street's staff see the courtyards of all its communities: each reads 新鸿社区 新鸿南路院落.
    courtyard = PlaceChoiceField(Courtyard.objects.none(), to_field_name="code", required=False, label=_("Courtyard"))
    kind = forms.ChoiceField(choices=CovenantKind.choices, label=_("Kind"))
    title = forms.CharField(max_length=200, label=_("Title"))
    field_order = ["community", "courtyard", "kind", "title"]

    def __init__(self, *args, communities=None, **kwargs):
        super().__init__(*args, **kwargs)
        communities = communities if communities is not None else Community.objects.none()
        self.fields["community"].queryset = communities
        self.fields["courtyard"].queryset = Courtyard.objects.filter(community__in=communities).order_by("community__code", "code")

    def clean(self):
        data = super().clean()
        courtyard, community = data.get("courtyard"), data.get("community")
        if courtyard and community and courtyard.community_id != community.pk:
            raise forms.ValidationError(_("The courtyard is not in this community."))
        return data


class GridAdminForm(forms.ModelForm):
    """A grid with what it covers; the places are chosen within its community (checked by the service too)."""

    cover_courtyards = forms.ModelMultipleChoiceField(Courtyard.objects.none(), required=False, label=_("Courtyards covered"))
    cover_buildings = PlaceMultipleChoiceField(
        Building.objects.none(),
        required=False,
        label=_("Single buildings covered"),
        help_text=_("Buildings of a courtyard split between grids."),
    )
    acting_user = None

    class Meta:
        model = Grid
        fields = ["name", "code", "community", "worker", "deputies"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        community_id = self.instance.community_id if self.instance.pk else self.data.get("community")
        self.fields["cover_courtyards"].queryset = Courtyard.objects.filter(community_id=community_id or None).order_by("code")
        self.fields["cover_buildings"].queryset = Building.objects.filter(community_id=community_id or None).order_by(
            "courtyard__code", "code"
        )
        if self.instance.pk:
            self.initial["cover_courtyards"] = list(self.instance.courtyards.values_list("pk", flat=True))
            self.initial["cover_buildings"] = list(
                self.instance.buildings.exclude(courtyard__grid=self.instance).values_list("pk", flat=True)
            )

    def clean(self):
        data = super().clean()
        community = data.get("community")
        if community and self.people_changed() and not permissions.may_grant(self.acting_user, Role.GRID_WORKER, community):
            raise ValidationError(_("Only the district administrator gives the grid worker role."))
        return data

    def people_changed(self) -> bool:
        return bool({"worker", "deputies"} & set(self.changed_data))
