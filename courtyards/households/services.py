"""Writes of a household's record: its size, its tags and, for a resettled household, its origin."""

from django.db import transaction

from ..models import Household, Unit
from ..services import household_get_or_create
from .models import HouseholdTagRow, ResettlementOrigin


def resettlement_origin_get_or_create(*, district_id: int, community_name: str, group_name: str = "") -> ResettlementOrigin:
    origin, _created = ResettlementOrigin.objects.get_or_create(
        district_id=district_id, community_name=community_name.strip(), group_name=group_name.strip()
    )
    return origin


@transaction.atomic
def household_record(*, unit: Unit, room: str, size: int | None, tags: list[str], origin: tuple[str, str] | None) -> Household:
    """The household of `room` in `unit` takes these values; its tags are replaced by `tags`."""
    household = household_get_or_create(unit=unit, room=room)
    household.size = size
    household.origin = (
        resettlement_origin_get_or_create(district_id=unit.district_id, community_name=origin[0], group_name=origin[1]) if origin else None
    )
    household.full_clean()
    household.save(update_fields=["size", "origin"])
    household_tags_set(household=household, tags=tags)
    return household


def household_tags_set(*, household: Household, tags: list[str]) -> None:
    household.tags.exclude(tag__in=tags).delete()
    HouseholdTagRow.objects.bulk_create([HouseholdTagRow(household=household, tag=tag) for tag in tags], ignore_conflicts=True)
