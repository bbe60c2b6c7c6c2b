"""A resident's home claims and their household's record, for their data download; claims are erased with the account
(they name the room), the household's record stays (it is the home's, kept by community staff)."""

from .models import HomeClaim, Household


def export(user) -> list[dict]:
    claims = HomeClaim.objects.filter(user=user).select_related("unit").order_by("created_at")
    return [
        {"unit": claim.unit.address, "room": claim.room, "note": claim.note, "status": claim.status, "submitted_at": claim.created_at}
        for claim in claims
    ]


def erase(user) -> None:
    HomeClaim.objects.filter(user=user).delete()


def export_household(user) -> dict | None:
    """Size and origin of the person's verified household. Its tags (独居老人, 低保 ...) are community staff's service
    record, seen only by the roles that serve the household, and stay out of the download like a case file's notes."""
    household = Household.objects.filter(pk=user.household_id).select_related("origin").first() if user.household_id else None
    if household is None:
        return None
    origin = household.origin
    return {
        "size": household.size,
        "resettled_from": {"community": origin.community_name, "resident_group": origin.group_name} if origin else None,
    }
