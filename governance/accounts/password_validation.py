"""Password rules by who holds the account (docs/security.md, "Accounts: passwords").

Staff, field workers and administrators: at least 12 characters from three of four classes.
Residents: at least 8. Common passwords are refused for everyone by Django's
CommonPasswordValidator beside this one. The composition rule for staff follows 等保 2.0
level 3 and departs from ASVS 2.1.9 on purpose; the reasons are written down there.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import permissions


def _character_classes(password: str) -> int:
    lower = any(c.islower() for c in password)
    upper = any(c.isupper() for c in password)
    digit = any(c.isdigit() for c in password)
    other = any(not (c.islower() or c.isupper() or c.isdigit()) for c in password)
    return lower + upper + digit + other


class RolePasswordValidator:
    def __init__(self, staff_min_length: int = 12, staff_classes: int = 3, resident_min_length: int = 8):
        self.staff_min_length = staff_min_length
        self.staff_classes = staff_classes
        self.resident_min_length = resident_min_length

    def validate(self, password: str, user=None) -> None:
        staff = permissions.has_staff_powers(user)
        min_length = self.staff_min_length if staff else self.resident_min_length
        if len(password) < min_length:
            raise ValidationError(self._length_message(min_length, staff), code="password_too_short")
        if staff and _character_classes(password) < self.staff_classes:
            raise ValidationError(
                _("A staff password needs three of these four: lower-case letters, capitals, digits, other characters."),
                code="password_too_simple",
            )

    @staticmethod
    def _length_message(min_length: int, staff: bool) -> str:
        if staff:
            return ngettext(
                "A staff password needs at least %(min)d character.", "A staff password needs at least %(min)d characters.", min_length
            ) % {"min": min_length}
        return ngettext("A password needs at least %(min)d character.", "A password needs at least %(min)d characters.", min_length) % {
            "min": min_length
        }

    def get_help_text(self) -> str:
        return _(
            "At least %(resident)d characters; staff accounts at least %(staff)d, with three of: lower-case letters, capitals, digits, other characters."
        ) % {"resident": self.resident_min_length, "staff": self.staff_min_length}
