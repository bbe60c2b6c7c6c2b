"""A resident's home claims, for their data download; erased with the account (they name the room)."""

from .models import HomeClaim


def export(user) -> list[dict]:
    claims = HomeClaim.objects.filter(user=user).select_related("unit").order_by("created_at")
    return [
        {"unit": claim.unit.address, "room": claim.room, "note": claim.note, "status": claim.status, "submitted_at": claim.created_at}
        for claim in claims
    ]


def erase(user) -> None:
    HomeClaim.objects.filter(user=user).delete()
