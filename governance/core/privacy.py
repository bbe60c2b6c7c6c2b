"""Masking of residents' names and phone numbers for viewers who do not need them."""


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
