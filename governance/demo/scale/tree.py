"""The territory: one district, its streets, communities, courtyards, buildings, units and households,
every row carrying its ancestors' ids as the tree services would set them."""

from dataclasses import dataclass, field
from decimal import Decimal

from courtyards.choices import CommunityKind, CourtyardKind
from courtyards.models import Building, Community, Courtyard, District, Household, Street, Unit

from .plan import UNITS_PER_BUILDING, spread
from .run import Run

STREET_NAMES = [
    "猛追湾街道", "双桥子街道", "府青路街道", "二仙桥街道", "跳蹬河街道", "建设路街道",
    "白莲池街道", "万年场街道", "保和街道", "青龙街道", "龙潭街道",
]  # fmt: skip
WORDS = [
    "新鸿",
    "华林",
    "秀林",
    "建功",
    "双林",
    "东虹",
    "培华",
    "圣灯",
    "槐树",
    "杉板",
    "驷马",
    "青苑",
    "和美",
    "玉双",
    "望平",
    "龙湾",
    "蓝谷",
    "锦绣",
    "沙河",
    "北新",
]
COMMUNITY_KINDS = [
    CommunityKind.MATURE,
    CommunityKind.MATURE,
    CommunityKind.TRANSITIONAL,
    CommunityKind.COMMERCIAL,
    CommunityKind.AGRICULTURAL,
]


@dataclass
class Tree:
    district_id: int
    streets: list[int] = field(default_factory=list)
    communities: list[tuple[int, int]] = field(default_factory=list)  # (id, street)
    courtyards: list[tuple[int, int, int]] = field(default_factory=list)  # (id, community, street)
    units: list[tuple[int, int, int, int, int]] = field(default_factory=list)  # (id, building, courtyard, community, street)
    households: list[tuple[int, int]] = field(default_factory=list)  # (id, index into units)
    names: dict[int, str] = field(default_factory=dict)  # street id -> name


def _name(words: list[str], i: int, suffix: str) -> str:
    return f"{words[i % len(words)]}{i // len(words) or ''}{suffix}"


def tree_build(run: Run) -> Tree:
    plan, rng = run.plan, run.plan.rng("tree")
    district = District.objects.create(code=f"scale-{plan.seed}", name="成华区")
    tree = Tree(district_id=district.pk)
    _streets(run, tree)
    _communities(run, tree, rng)
    _courtyards(run, tree, rng)
    _units(run, tree, rng)
    _households(run, tree, rng)
    return tree


def _code(run: Run, kind: str, i: int) -> str:
    return f"s{run.plan.seed}-{kind}{i}"


def _streets(run: Run, tree: Tree) -> None:
    for i in range(run.plan.counts["streets"]):
        name = _name(STREET_NAMES, i, "")
        street_id = run.add(Street, {"code": _code(run, "st", i), "name": name, "district_id": tree.district_id})
        tree.streets.append(street_id)
        tree.names[street_id] = name


def _communities(run: Run, tree: Tree, rng) -> None:
    shares = spread(run.plan.counts["communities"], len(tree.streets), rng)
    i = 0
    for street_id, n in zip(tree.streets, shares, strict=True):
        for _ in range(n):
            row = {"code": _code(run, "c", i), "name": _name(WORDS, i, "社区"), "street_id": street_id, "district_id": tree.district_id}
            row["kind"] = COMMUNITY_KINDS[i % len(COMMUNITY_KINDS)]
            tree.communities.append((run.add(Community, row), street_id))
            i += 1


def _point(rng) -> tuple[Decimal, Decimal]:
    return Decimal(f"{30.62 + rng.random() * 0.12:.6f}"), Decimal(f"{104.06 + rng.random() * 0.14:.6f}")


def _courtyards(run: Run, tree: Tree, rng) -> None:
    shares = spread(run.plan.counts["courtyards"], len(tree.communities), rng)
    i = 0
    for (community_id, street_id), n in zip(tree.communities, shares, strict=True):
        for k in range(n):
            latitude, longitude = _point(rng)
            row = {"code": _code(run, "y", i), "name": f"{k + 1}号院落", "community_id": community_id, "street_id": street_id}
            row.update(district_id=tree.district_id, kind=CourtyardKind.COURTYARD, latitude=latitude, longitude=longitude)
            tree.courtyards.append((run.add(Courtyard, row), community_id, street_id))
            i += 1


def _units(run: Run, tree: Tree, rng) -> None:
    shares = spread(run.plan.counts["units"], len(tree.courtyards), rng)
    u = b = 0
    for (courtyard_id, community_id, street_id), n in zip(tree.courtyards, shares, strict=True):
        keys = {"courtyard_id": courtyard_id, "community_id": community_id, "street_id": street_id, "district_id": tree.district_id}
        building_id = None
        for k in range(n):
            if k % UNITS_PER_BUILDING == 0:
                building_id = run.add(Building, {"code": _code(run, "b", b), "name": f"{k // UNITS_PER_BUILDING + 1}栋", **keys})
                b += 1
            row = {"code": _code(run, "u", u), "name": f"{k % UNITS_PER_BUILDING + 1}单元", "building_id": building_id, **keys}
            tree.units.append((run.add(Unit, row), building_id, courtyard_id, community_id, street_id))
            u += 1


def _households(run: Run, tree: Tree, rng) -> None:
    shares = spread(run.plan.counts["households"], len(tree.units), rng)
    for index, ((unit_id, _building, courtyard_id, community_id, street_id), n) in enumerate(zip(tree.units, shares, strict=True)):
        for k in range(n):
            row = {"unit_id": unit_id, "room": f"{k // 4 + 1}{k % 4 + 1:02d}", "courtyard_id": courtyard_id}
            row.update(community_id=community_id, street_id=street_id, district_id=tree.district_id)
            tree.households.append((run.add(Household, row), index))
