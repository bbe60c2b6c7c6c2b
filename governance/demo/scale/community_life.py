"""What else a district holds in proportion: service activities, special families, associations."""

import uuid
from datetime import timedelta

from associations.choices import Anchor, AssociationKind
from associations.models import Association
from governance.activities.choices import FamilyReason
from governance.activities.demo import TYPES
from governance.activities.models import Activity, ActivityType, SpecialFamily

from .people import People, person_name
from .run import Run
from .tree import Tree

ASSOCIATIONS = [
    ("广场舞队", AssociationKind.INTEREST),
    ("志愿服务队", AssociationKind.VOLUNTEER),
    ("楼栋议事会", AssociationKind.SELF_GOVERNANCE),
]


def _uuid(rng) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _workers(people: People, community_id: int, street_id: int, district_id: int) -> list[int]:
    return people.workers.get(community_id) or people.staff.get(community_id) or people.staff.get(street_id) or people.staff[district_id]


def activities_build(run: Run, tree: Tree, people: People) -> None:
    plan, rng = run.plan, run.plan.rng("activities")
    types = [
        ActivityType.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en, "category": cat, "order": i})[0]
        for i, (code, name, name_en, cat) in enumerate(TYPES)
    ]
    for _ in range(plan.counts["activities"]):
        courtyard_id, community_id, street_id = tree.courtyards[rng.randrange(len(tree.courtyards))]
        starts = plan.start + (plan.now - plan.start) * rng.random()
        kind = rng.choice(types)
        headcount = rng.randint(5, 80)
        row = {"code": _uuid(rng), "idempotency_key": _uuid(rng), "type_id": kind.pk, "title": kind.name, "starts_at": starts}
        row.update(ends_at=starts + timedelta(hours=rng.choice([1, 2, 3])), courtyard_id=courtyard_id if rng.random() < 0.6 else None)
        row.update(community_id=community_id, street_id=street_id, district_id=tree.district_id, headcount=headcount)
        row.update(
            person_times=headcount + rng.randint(0, headcount),
            created_at=starts + timedelta(hours=4),
            updated_at=starts + timedelta(hours=4),
        )
        row["logged_by_id"] = rng.choice(_workers(people, community_id, street_id, tree.district_id))
        run.add(Activity, row)


def families_build(run: Run, tree: Tree, people: People) -> None:
    plan, rng = run.plan, run.plan.rng("families")
    reasons = list(FamilyReason.values)
    for h in rng.sample(range(len(tree.households)), min(plan.counts["special_families"], len(tree.households))):
        household_id, unit_index = tree.households[h]
        _unit, _building, courtyard_id, community_id, street_id = tree.units[unit_index]
        row = {"code": _uuid(rng), "head_name": person_name(rng), "household_id": household_id, "reason": rng.choice(reasons)}
        row.update(
            courtyard_id=courtyard_id, community_id=community_id, street_id=street_id, district_id=tree.district_id, created_at=plan.start
        )
        row["assigned_worker_id"] = rng.choice(_workers(people, community_id, street_id, tree.district_id))
        run.add(SpecialFamily, row)


def associations_build(run: Run, tree: Tree) -> None:
    plan = run.plan
    for i in range(plan.counts["associations"]):
        community_id, street_id = tree.communities[i % len(tree.communities)]
        name, kind = ASSOCIATIONS[i % len(ASSOCIATIONS)]
        row = {"code": f"s{plan.seed}-a{i}", "name": f"{name}{i // len(ASSOCIATIONS) + 1}", "kind": kind, "anchor": Anchor.COMMUNITY}
        row.update(community_id=community_id, street_id=street_id, district_id=tree.district_id, registered_on=plan.start.date())
        run.add(Association, row)
