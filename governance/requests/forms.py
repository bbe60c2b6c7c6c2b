import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Satisfaction
from .intake import photos
from .models import Category
from .open311 import form_fields

PLACE_CHOICES = [
    ("unit", _("My home unit")),
    ("courtyard", _("My courtyard")),
    ("community", _("My community")),
]
# The resident's own places, named in full: a choice reads the address, not "my unit" (issue 14, point 7).
OWN_PLACE_LABELS = {
    "unit": _("%(name)s (my home)"),
    "courtyard": _("%(name)s (my courtyard)"),
    "community": _("%(name)s (my community)"),
}
TITLE_CHARS = 20  # a derived title: the text's first clause, cut as a list line shows it
_CLAUSE_END = re.compile(r"[。！？；，,.!?;\n]")


def title_from_text(text: str) -> str:
    """The title of a request filed without one: its text's first clause (门口路灯坏了，晚上很黑 -> 门口路灯坏了)."""
    text = " ".join((text or "").split())
    clause = _CLAUSE_END.split(text, maxsplit=1)[0].strip() or text
    return clause if len(clause) <= TITLE_CHARS else clause[: TITLE_CHARS - 1].rstrip() + "…"


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class CategoryTiles(forms.RadioSelect):
    """The categories as large tiles: each option carries a short hint (its description, else its keywords)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        category = getattr(value, "instance", None)
        option["hint"] = category_hint(category) if category else ""
        return option


def category_hint(category: Category) -> str:
    return category.description or "、".join(category.keywords.split())


class MultipleImageField(forms.FileField):
    """Up to five images; their headers are checked in photos.photos_check."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/*", "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > photos_max():
            raise forms.ValidationError(_("At most 5 photos per request."))
        return [super(MultipleImageField, self).clean(f, initial) for f in files]


def photos_max() -> int:
    from .services import MAX_PHOTOS

    return MAX_PHOTOS


class LocationForm(forms.Form):
    """Where the phone says the resident stands (browser geolocation, optional): both or neither."""

    lat = forms.DecimalField(max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False, widget=forms.HiddenInput)
    long = forms.DecimalField(max_digits=10, decimal_places=6, min_value=-180, max_value=180, required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("long") is None):
            raise forms.ValidationError(_("The location needs both a latitude and a longitude."))
        return data

    @property
    def point(self) -> tuple | None:
        data = self.cleaned_data
        return (data["lat"], data["long"]) if data.get("lat") is not None else None


def location_of(data) -> tuple | None:
    """(latitude, longitude) from a form's or a query's lat and long, or None when absent or invalid."""
    form = LocationForm(data)
    return form.point if form.is_valid() else None


def place_label(key: str, place) -> str:
    """How the form names an offered place: the resident's own, one near them, or their community's public space."""
    if key in OWN_PLACE_LABELS:
        return OWN_PLACE_LABELS[key] % {"name": place_name(place)}
    metres = getattr(place, "distance_metres", None)
    if metres is not None:
        return _("%(name)s (about %(metres)s m from you)") % {"name": place.name, "metres": int(round(metres, -1))}
    return _("Public space of %(name)s") % {"name": place.name}


def place_name(place) -> str:
    """A place's whole name: a unit's address (新鸿社区新鸿南路院落2栋1单元), a courtyard's or community's name."""
    return getattr(place, "address", None) or place.name


class PlaceRadioSelect(forms.RadioSelect):
    """The offered places, each radio carrying its node's code (data-code): the similar-request suggestions ask by
    code, while the form posts its own keys ("unit", "courtyard", ...) as it always has."""

    codes: dict[str, str] = {}  # replaced per form, on the form's own copy of the widget

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.codes:
            option["attrs"]["data-code"] = self.codes[value]
        return option


class RequestForm(LocationForm):
    """Five taps on a phone: a category tile, the text, the photos; the place (the verified home) and the
    privacy choices are defaulted and folded; the title, left empty, is the text's first clause."""

    category = forms.ModelChoiceField(
        Category.objects.filter(active=True), to_field_name="code", label=_("What is it about?"), widget=CategoryTiles
    )
    place = forms.ChoiceField(choices=PLACE_CHOICES, initial="unit", label=_("Where"), widget=PlaceRadioSelect)
    title = forms.CharField(
        label=_("Title (optional)"),
        max_length=100,
        required=False,
        help_text=_("In a few words, for example: 路灯不亮. Left empty, the first words of your description."),
    )
    text = forms.CharField(
        label=_("What happened?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where exactly, since when, what you would like done."),
    )
    photos = MultipleImageField(
        label=_("Add photos"),
        required=False,
        widget=MultipleImageInput(attrs={"accept": "image/*", "capture": "environment", "multiple": True, "class": "photo-input"}),
        help_text=_("Up to 5 images, 5 MB each. Location data is removed."),
    )
    public = forms.BooleanField(label=_("Show it in the community's public feed (without your name)"), required=False, initial=True)
    photos_public = forms.BooleanField(label=_("Show my photos publicly too"), required=False)
    reporter_public = forms.BooleanField(
        label=_("Show my name publicly"), required=False, help_text=_("Only your family name is shown, for example 张*.")
    )

    def __init__(self, *args, places: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if places is not None:
            self.fields["place"].choices = [(key, place_label(key, place)) for key, place in places.items()]
            self.fields["place"].widget.codes = {key: place.code for key, place in places.items()}
        self.asked = form_fields.fields_add(self, self._chosen_category(), after="text")

    def _chosen_category(self) -> Category | None:
        """The category posted (or asked for by ?category=): its service attributes are asked on the form."""
        code = self.data.get("category") if self.is_bound else self.initial.get("category")
        return Category.objects.filter(active=True, code=code).prefetch_related("attributes").first() if code else None

    def clean(self):
        cleaned = super().clean()
        cleaned["attributes"] = form_fields.answers_clean(self, self.asked)
        if not cleaned.get("title") and cleaned.get("text"):
            cleaned["title"] = title_from_text(cleaned["text"])
        return cleaned

    @property
    def attribute_fields(self) -> list:
        """The chosen category's questions, shown after the text."""
        return [self[form_fields.PREFIX + attribute.code] for attribute in self.asked]

    def clean_photos(self):
        """Headers only: the submission decodes each photo once, after every check."""
        uploads = self.cleaned_data.get("photos") or []
        try:
            photos.photos_check(uploads)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict.get("photos", error.messages)) from None
        return uploads


# As people rate: 4-5 满意, 3 基本满意, 1-2 不满意 (the words of the callback 回访, Satisfaction).
RATING_WORDS = {5: Satisfaction.SATISFIED.label, 4: Satisfaction.SATISFIED.label, 3: Satisfaction.BASICALLY.label}


def rating_word(rating: int) -> str:
    return RATING_WORDS.get(rating, Satisfaction.DISSATISFIED.label)


class StarRadioSelect(forms.RadioSelect):
    """Radios read as "4 星 满意"; each option carries its stars for the page to draw (hidden from screen readers)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["stars"], option["unlit"] = "★" * int(value), "☆" * (5 - int(value))
        return option


class ConfirmForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=[(i, rating_word(i)) for i in range(5, 0, -1)], coerce=int, label=_("How satisfied are you?"), widget=StarRadioSelect
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("What is still wrong?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


STAFF_ACTIONS = [
    "cohandle",
    "cohandle_end",
    "accept",
    "assign",
    "start",
    "resolve",
    "reject",
    "merge",
    "note",
    "supervise",
    "pause",
    "resume",
    "dispatch",
    "transfer",
    "return",
]


class StaffActionForm(forms.Form):
    """One form for every staff action; the service decides whether the move is allowed."""

    action = forms.ChoiceField(choices=[(a, a) for a in STAFF_ACTIONS])
    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    assignee = forms.CharField(label=_("Assignee"), max_length=150, required=False)
    into = forms.CharField(label=_("Merge into (tracking number)"), max_length=20, required=False)
    owner = forms.CharField(label=_("Dispatch or transfer to"), max_length=80, required=False)
    public = forms.BooleanField(label=_("Visible to the resident"), required=False)
    covenant = forms.CharField(label=_("Settled by the covenant"), max_length=60, required=False)


class BulkActionForm(forms.Form):
    """The queue's selected rows and one move for them all; without an action it assigns, as it always has."""

    numbers = forms.CharField(max_length=4000)
    action = forms.ChoiceField(choices=[(a, a) for a in ("assign", "dispatch", "accept", "resolve")], required=False)
    assignee = forms.CharField(label=_("Assign to"), max_length=150, required=False)
    owner = forms.CharField(label=_("Dispatch to"), max_length=80, required=False)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)

    def clean_numbers(self):
        numbers = [n for n in self.cleaned_data["numbers"].replace(",", " ").split() if n]
        if not numbers or len(numbers) > 200:
            raise forms.ValidationError(_("Pick between 1 and 200 requests."))
        return numbers

    def clean(self):
        data = super().clean()
        data["action"] = data.get("action") or "assign"
        needed = {"assign": "assignee", "dispatch": "owner"}.get(data["action"])
        if needed and not data.get(needed):
            self.add_error(needed, _("Choose who takes the selected requests."))
        return data


class RequestsToNeedForm(forms.Form):
    """Staff pick similar requests and a body; the request whose page it is always belongs to the cluster."""

    others = forms.ModelMultipleChoiceField(
        label=_("Similar open requests"), queryset=None, to_field_name="number", required=False, widget=forms.CheckboxSelectMultiple
    )
    committee = forms.ModelChoiceField(label=_("Council or committee"), queryset=None, to_field_name="code")
    title = forms.CharField(label=_("Title of the need"), max_length=120)
    text = forms.CharField(label=_("Description"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, candidates, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["others"].queryset = candidates
        self.fields["others"].label_from_instance = lambda r: f"{r.number} {r.title}"
        self.fields["committee"].queryset = committees


class CiteCovenantForm(forms.Form):
    covenant = forms.ModelChoiceField(label=_("Settled by the covenant"), queryset=None, to_field_name="code")

    def __init__(self, *args, covenants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["covenant"].queryset = covenants


class LinkActionForm(forms.Form):
    action = forms.ModelChoiceField(label=_("Follow-up action"), queryset=None)

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = actions
        self.fields["action"].label_from_instance = lambda a: f"{a.meeting.committee.name} · {a.title}"
