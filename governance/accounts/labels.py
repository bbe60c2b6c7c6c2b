"""A person in a picker: 姓名 · 角色/单位 · 138****0007, the phone in full only to whom may see it (docs/privacy.md)."""

from django import forms
from django.db.models import QuerySet

from governance.core.privacy import mask_phone

from . import permissions
from .models import User


def person_name(person) -> str:
    return person.display_name or person.username


def person_label(person, *, detail: str = "", reveal: bool = False) -> str:
    """张三 · 居委会主任 · 138****0007: the name, what they are here, and the phone masked unless `reveal`."""
    phone = (person.phone if reveal else mask_phone(person.phone)) or ""
    return " · ".join(part for part in (person_name(person), str(detail or ""), phone) if part)


def people_revealed(viewer, people: QuerySet) -> frozenset[int]:
    """The ids among `people` whose phone `viewer` may read in full: one query for the whole list."""
    if not getattr(viewer, "is_authenticated", False):
        return frozenset()
    if viewer.is_superuser:
        return frozenset(people.values_list("pk", flat=True))
    return frozenset(permissions.people_visible(viewer, people).values_list("pk", flat=True))


class PersonChoiceField(forms.ModelChoiceField):
    """People, or rows naming one through `person_path` (a membership: "user"), each read by `person_label` for `viewer`.

    The person is joined in the options' query and who may read phones is asked once, so the
    picker's cost does not grow with its options.
    """

    def __init__(self, queryset, *, viewer=None, person_path: str = "", detail_of=None, **options):
        self.viewer, self.person_path, self.detail_of = viewer, person_path, detail_of or (lambda row: "")
        self._revealed = None
        super().__init__(queryset, **options)

    def _set_queryset(self, queryset):
        self._revealed = None
        if queryset is not None and self.person_path:
            queryset = queryset.select_related(self.person_path)
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def person_of(self, row):
        return getattr(row, self.person_path) if self.person_path else row

    def revealed(self) -> frozenset[int]:
        if self._revealed is None:
            ids = self.queryset.values(f"{self.person_path}_id" if self.person_path else "pk")
            self._revealed = people_revealed(self.viewer, User.objects.filter(pk__in=ids))
        return self._revealed

    def label_from_instance(self, obj) -> str:
        person = self.person_of(obj)
        return person_label(person, detail=self.detail_of(obj), reveal=person.pk in self.revealed())
