from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import selectors
from .choices import CertificateKind, CourseKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PASSED_CHOICES = [("", _("No test")), ("yes", _("Passed")), ("no", _("Not passed"))]


def hours_field(label, **options) -> forms.DecimalField:
    return forms.DecimalField(label=label, min_value=0, max_value=999, decimal_places=1, **options)


class NodeChoiceField(forms.ChoiceField):
    """The district or a street the person manages, as "level:code", so a street and a district never share a value."""

    def __init__(self, *, user, **options):
        self.nodes = {f"{node.level}:{node.code}": node for node in selectors.course_nodes_for(user=user)}
        super().__init__(choices=[(key, node.name) for key, node in self.nodes.items()], **options)

    def clean(self, value):
        return self.nodes[super().clean(value)]


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=CourseKind.choices)
    provider = forms.CharField(label=_("Provider"), max_length=100)
    hours = hours_field(_("Hours"))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"] = NodeChoiceField(user=user, label=_("Offered by"))


class SessionForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE)
    start = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=24, decimal_places=1)
    place = forms.CharField(label=_("Venue"), max_length=100)
    trainer = forms.CharField(label=_("Trainer"), max_length=100)

    def session_fields(self) -> dict:
        data = self.cleaned_data
        starts_at = timezone.make_aware(datetime.combine(data["day"], data["start"]))
        return {"starts_at": starts_at, "hours": data["hours"], "place": data["place"], "trainer": data["trainer"]}


class PersonField(forms.CharField):
    """A worker by username or mobile number, among those the recorder may train."""

    def __init__(self, *, by, **options):
        self.by = by
        super().__init__(label=_("Username or mobile number"), max_length=150, **options)

    def clean(self, value):
        person = selectors.trainee_by_login(by=self.by, login=super().clean(value).strip())
        if person is None:
            raise forms.ValidationError(_("No worker of your area has that username or mobile number."))
        return person


class AttendanceForm(forms.Form):
    hours = hours_field(_("Attended hours"), required=False, help_text=_("Leave empty for the whole session; 0 if absent."))
    passed = forms.ChoiceField(label=_("Test"), choices=PASSED_CHOICES, required=False)

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"person": PersonField(by=by), **self.fields}

    def attendance_fields(self) -> dict:
        passed = {"yes": True, "no": False}.get(self.cleaned_data["passed"])
        return {"person": self.cleaned_data["person"], "hours": self.cleaned_data["hours"], "passed": passed}


class CertificateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CertificateKind.choices)
    number = forms.CharField(label=_("Certificate number"), max_length=50)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    issuer = forms.CharField(label=_("Issuer"), max_length=100)

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"person": PersonField(by=by), **self.fields}
        self.fields["course"] = forms.ModelChoiceField(
            selectors.course_list(user=by), label=_("Course"), required=False, to_field_name="code", empty_label=_("None")
        )
        self.fields["node"] = NodeChoiceField(user=by, label=_("Recorded by"))
