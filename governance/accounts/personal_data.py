"""What the portal holds about one person, gathered from every app without this layer importing them.

PIPL art. 45 (a copy of one's data) and art. 47 (erasure when an account is closed): each app that
keeps rows about a person registers a section in its AppConfig.ready(): `export` returns JSON-ready
data, `files` yields (name in the archive, stored file) for photos, `erase` removes or detaches what
must not outlive the account (rows kept for statistics stay, pointing at the anonymised account).
"""

import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder


@dataclass(frozen=True)
class Section:
    key: str
    export: Callable
    erase: Callable | None = None
    files: Callable | None = None


SECTIONS: dict[str, Section] = {}


def register_personal_data(*, key: str, export: Callable, erase: Callable | None = None, files: Callable | None = None) -> None:
    SECTIONS[key] = Section(key=key, export=export, erase=erase, files=files)


def personal_data_of(user) -> dict:
    return {key: section.export(user) for key, section in SECTIONS.items()}


def personal_files_of(user) -> Iterable[tuple[str, object]]:
    for section in SECTIONS.values():
        if section.files is not None:
            yield from section.files(user)


def personal_data_erase(user) -> None:
    for section in SECTIONS.values():
        if section.erase is not None:
            section.erase(user)


def personal_data_archive(user) -> bytes:
    """A ZIP of data.json and the person's photos, built in memory (one person's data is small)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(personal_data_of(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        for name, stored in personal_files_of(user):
            try:
                with stored.open("rb") as handle:
                    archive.writestr(name, handle.read())
            except (OSError, ValueError):
                continue  # a file missing from storage must not keep the rest from the person
    return buffer.getvalue()


def profile_export(user) -> dict:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "phone": user.phone,
        "email": user.email,
        "language": user.language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "home_unit": user.home_unit.address if user.home_unit_id else None,
        "household": str(user.household) if user.household_id else None,
        "roles": [str(assignment) for assignment in user.role_assignments.all()],
    }


register_personal_data(key="profile", export=profile_export)
