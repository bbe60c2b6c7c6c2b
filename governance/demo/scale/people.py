"""Residents (accounts verified to a household), staff with roles granted through the role service,
and the bodies routing hands requests to: departments and committees."""

from dataclasses import dataclass, field

from committees.choices import CommitteeKind, CommitteeTopic
from committees.models import Committee
from courtyards.models import Community, District, Street
from governance.accounts import services as account_services
from governance.accounts.choices import Role
from governance.accounts.models import User
from governance.requests.dispatch import services as dispatch_services
from governance.requests.dispatch.models import DepartmentKind

from .run import Run
from .tree import Tree

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = [
    "建国",
    "秀英",
    "德明",
    "淑芬",
    "志强",
    "玉兰",
    "桂英",
    "家福",
    "丽华",
    "文军",
    "淑华",
    "天蓉",
    "同珍",
    "晓燕",
    "敏",
    "伟",
    "芳",
    "娜",
    "静",
    "磊",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "婷",
    "宇",
    "浩",
    "欣",
    "怡",
    "博",
    "思远",
    "雨涵",
    "子轩",
    "梓萱",
]
UNUSABLE = "!generated"  # no one signs in as a generated person


@dataclass
class People:
    residents: list[tuple[int, int]] = field(default_factory=list)  # (user id, index into tree.units)
    by_community: dict[int, list[int]] = field(default_factory=dict)  # community -> resident indexes
    staff: dict[int, list[int]] = field(default_factory=dict)  # node id (community, street or district) -> staff user ids
    operators: dict[int, int] = field(default_factory=dict)  # street -> hotline operator
    workers: dict[int, list[int]] = field(default_factory=dict)  # community -> social workers


def person_name(rng) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _user(run: Run, username: str, name: str, joined, **extra) -> int:
    row = {"username": username, "password": UNUSABLE, "display_name": name, "is_active": True, "date_joined": joined, **extra}
    return run.add(User, row)


def residents_build(run: Run, tree: Tree) -> People:
    plan, rng = run.plan, run.plan.rng("residents")
    people = People()
    chosen = sorted(rng.sample(range(len(tree.households)), plan.counts["residents"]))
    for i, h in enumerate(chosen):
        household_id, unit_index = tree.households[h]
        joined = plan.start + (plan.now - plan.start) * rng.random() * 0.5
        user_id = _user(
            run, f"s{plan.seed}r{i}", person_name(rng), joined, home_unit_id=tree.units[unit_index][0], household_id=household_id
        )
        people.by_community.setdefault(tree.units[unit_index][3], []).append(len(people.residents))
        people.residents.append((user_id, unit_index))
    return people


def _grants(tree: Tree, n: int) -> list[tuple[str, str, int]]:
    """(role, level, node id) for `n` staff: a few district admins, an operator and staff per street, the rest in communities."""
    grants = [(Role.DISTRICT_ADMIN, "district", tree.district_id)] * max(1, round(n * 0.004))
    grants += [(Role.HOTLINE_OPERATOR, "street", s) for s in tree.streets]
    rest = n - len(grants)
    street_staff = max(len(tree.streets), round(rest * 0.2))
    grants += [(Role.STREET_STAFF, "street", tree.streets[i % len(tree.streets)]) for i in range(street_staff)]
    communities = [c for c, _street in tree.communities]
    for i in range(n - len(grants)):
        role = Role.COMMUNITY_STAFF if i < len(communities) or i % 10 < 7 else Role.SOCIAL_WORKER
        grants.append((role, "community", communities[i % len(communities)]))
    return grants


def staff_build(run: Run, tree: Tree, people: People) -> None:
    """Staff accounts, then their roles through `role_grant` (which sets is_staff and logs each grant, as for anyone)."""
    plan, rng = run.plan, run.plan.rng("staff")
    grants = _grants(tree, plan.counts["staff"])
    user_ids = [_user(run, f"s{plan.seed}staff{i}", person_name(rng), plan.start) for i in range(len(grants))]
    run.flush()
    users = User.objects.in_bulk(user_ids)
    nodes = {"district": District.objects.in_bulk([tree.district_id]), "street": Street.objects.in_bulk(tree.streets)}
    nodes["community"] = Community.objects.in_bulk([c for c, _s in tree.communities])
    for user_id, (role, level, node_id) in zip(user_ids, grants, strict=True):
        account_services.role_grant(user=users[user_id], role=role, node=nodes[level][node_id])
        if role == Role.HOTLINE_OPERATOR:
            people.operators[node_id] = user_id
        elif role == Role.SOCIAL_WORKER:
            people.workers.setdefault(node_id, []).append(user_id)
        else:
            people.staff.setdefault(node_id, []).append(user_id)


def departments_build(tree: Tree) -> None:
    """Each street's law-enforcement team; the district's urban management and housing bureaus (routing finds them)."""
    district = District.objects.get(pk=tree.district_id)
    for street in Street.objects.filter(pk__in=tree.streets):
        dispatch_services.department_create(
            name=f"{street.name}综合行政执法队", kind=DepartmentKind.URBAN_MANAGEMENT, district=district, street=street
        )
    dispatch_services.department_create(name="成华区城市管理局", kind=DepartmentKind.URBAN_MANAGEMENT, district=district)
    dispatch_services.department_create(name="成华区住房和城乡建设局", kind=DepartmentKind.HOUSING, district=district)


COMMITTEES = [(CommitteeTopic.PUBLIC_ENVIRONMENT, "公共环境委员会"), (CommitteeTopic.SAFETY_MEDIATION, "安全与民调委员会")]


def committees_build(run: Run, tree: Tree) -> None:
    """A council in every community; the two committees routing asks for in four communities of five (the fifth's
    community takes those requests, as routing says); a self-governance group in a third of the courtyards."""
    plan, rng = run.plan, run.plan.rng("committees")
    n = 0
    for i, (community_id, street_id) in enumerate(tree.communities):
        keys = {"community_id": community_id, "street_id": street_id, "district_id": tree.district_id, "created_at": plan.start}
        run.add(Committee, {"code": f"s{plan.seed}-k{n}", "name": "居民议事会", "kind": CommitteeKind.COUNCIL, **keys})
        n += 1
        for topic, name in COMMITTEES if i % 5 != 4 else []:
            run.add(Committee, {"code": f"s{plan.seed}-k{n}", "name": name, "kind": CommitteeKind.SPECIALISED, "topic": topic, **keys})
            n += 1
    for courtyard_id, community_id, street_id in tree.courtyards:
        if rng.random() < 1 / 3:
            keys = {"courtyard_id": courtyard_id, "community_id": community_id, "street_id": street_id, "district_id": tree.district_id}
            run.add(
                Committee,
                {
                    "code": f"s{plan.seed}-k{n}",
                    "name": "院落自治小组",
                    "kind": CommitteeKind.COURTYARD_GROUP,
                    **keys,
                    "created_at": plan.start,
                },
            )
            n += 1
