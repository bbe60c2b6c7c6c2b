"""The seed's 秀林苑: 1,000 resettled households from 5 former communities and 13 resident groups, plus tagged
households in 新鸿社区, so the origin statement and the tag filters show real figures. Idempotent; bulk writes."""

from ..choices import HouseholdTag
from ..models import Community, Household, Unit
from ..services import household_get_or_create
from .models import HouseholdTagRow, ResettlementOrigin

# Former village (community) -> its resident groups; 秀林村 became today's 秀林社区.
ORIGINS = {
    "秀林村": ["一组", "二组", "三组"],
    "沙河村": ["一组", "二组", "三组"],
    "青龙村": ["一组", "二组", "三组"],
    "双水村": ["四组", "五组"],
    "金马村": ["一组", "六组"],
}
RESETTLED = 1_000
ROOMS_PER_FLOOR = 6
XINHONG_TAGGED = [
    ("xinhong-nanlu-b1-u1", "101", 1, [HouseholdTag.ELDERLY_ALONE]),
    ("xinhong-nanlu-b1-u1", "102", 3, [HouseholdTag.LOW_INCOME]),
    ("xinhong-nanlu-b1-u2", "301", 4, [HouseholdTag.DISABLED, HouseholdTag.LOW_INCOME]),
    ("xinhong-nanlu-b2-u1", "201", 1, [HouseholdTag.ELDERLY_ALONE, HouseholdTag.DISABLED]),
    ("xinhuayuan-b1-u1", "202", 3, [HouseholdTag.LEFT_BEHIND_CHILD]),
    ("xinhuayuan-b2-u2", "501", 2, [HouseholdTag.ENTITLED_CARE]),
    ("shuanglin-b1-u1", "402", 1, [HouseholdTag.ELDERLY_ALONE]),
]


def seed() -> None:
    xiulin = Community.objects.get(code="xiulin")
    if ResettlementOrigin.objects.filter(district_id=xiulin.district_id, community_name="秀林村").exists():
        return
    households = _resettled(Unit.objects.filter(courtyard__code="xiulinyuan").order_by("code"), _origins(xiulin))
    tags = [HouseholdTagRow(household=h, tag=HouseholdTag.ELDERLY_ALONE) for h in households[::40]]
    tags += _xinhong_tagged()
    HouseholdTagRow.objects.bulk_create(tags, ignore_conflicts=True)


def _origins(xiulin: Community) -> list[ResettlementOrigin]:
    rows = [
        ResettlementOrigin(
            district_id=xiulin.district_id, community_name=village, group_name=group, successor=xiulin if village == "秀林村" else None
        )
        for village, groups in ORIGINS.items()
        for group in groups
    ]
    ResettlementOrigin.objects.bulk_create(rows)
    return list(ResettlementOrigin.objects.filter(district_id=xiulin.district_id, community_name__in=ORIGINS).order_by("pk"))


def _resettled(units, origins: list[ResettlementOrigin]) -> list[Household]:
    """RESETTLED households spread over the units' rooms (101 ... 2806), each of an origin in turn; the few
    already verified from residents' claims take their origin too. Written in bulk: seeding stays fast."""
    units = list(units)
    per_unit = -(-RESETTLED // len(units))
    rooms = [
        (unit, f"{floor + 1}{room + 1:02d}") for unit in units for n in range(per_unit) for floor, room in [divmod(n, ROOMS_PER_FLOOR)]
    ]
    existing = {(h.unit_id, h.room): h for h in Household.objects.filter(unit__in=units)}
    households = []
    for index, (unit, room) in enumerate(rooms[:RESETTLED]):
        household = existing.get((unit.pk, room)) or _household(unit, room)
        household.origin, household.size = origins[index % len(origins)], 1 + index * 7 % 5
        households.append(household)
    Household.objects.bulk_create([h for h in households if h.pk is None], batch_size=500)
    Household.objects.bulk_update([h for h in existing.values() if h.origin_id], ["origin", "size"])
    return households


def _household(unit: Unit, room: str) -> Household:
    keys = {f"{level}_id": getattr(unit, f"{level}_id") for level in ("courtyard", "community", "street", "district")}
    return Household(unit=unit, room=room, **keys)


def _xinhong_tagged() -> list[HouseholdTagRow]:
    units = {unit.code: unit for unit in Unit.objects.filter(code__in={code for code, *_rest in XINHONG_TAGGED})}
    rows = []
    for code, room, size, tags in XINHONG_TAGGED:
        household = household_get_or_create(unit=units[code], room=room)
        rows += [HouseholdTagRow(household=household, tag=tag) for tag in tags]
        Household.objects.filter(pk=household.pk).update(size=size)
    return rows
