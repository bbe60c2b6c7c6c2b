"""Masking of residents' names and phone numbers for viewers who do not need them."""

import re


def mask_phone(phone: str | None) -> str:
    if not phone:
        return ""
    if len(phone) < 7:
        return "*" * len(phone)
    return f"{phone[:3]}****{phone[-4:]}"


def mask_name(name: str | None) -> str:
    """张同珍 -> 张**: the family name stays, as on Chinese public notices."""
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


# A mainland mobile number anywhere in free text (not inside a longer run of digits).
PHONE_IN_TEXT = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def mask_phones_in(text: str | None) -> str:
    """Masks every mobile number found in `text`: 13800138000 -> 138****8000."""
    return PHONE_IN_TEXT.sub(lambda match: mask_phone(match.group()), text or "")
