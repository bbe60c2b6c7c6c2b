"""Five years of requests: categories as the seed has them, owners as routing gives them, deadlines as the
clock sets them, the timeline each status change leaves, and the supports and photos residents add."""

import uuid
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.urls import reverse

from courtyards.models import Community, Courtyard
from governance.core import stored_text
from governance.notifications.models import Notification
from governance.requests.choices import OPEN_STATUSES, Source, Status
from governance.requests.demo import CATEGORIES
from governance.requests.dispatch import routing
from governance.requests.models import Category, Request, RequestPhoto, Support, TimelineEvent

from .people import People
from .run import Run
from .timeline import life_cut, life_draw, status_of
from .totals import Totals
from .tree import Tree

# How often residents raise each category of the seed.
WEIGHTS = {"noise": 18, "greening": 8, "roads": 14, "sanitation": 20, "property": 16, "facilities": 10, "safety": 6, "other": 8}
TITLES = {
    "noise": ["楼上深夜噪音", "广场舞音响太大", "装修噪音扰民"],
    "greening": ["树枝遮挡窗户", "绿地被占用种菜", "花坛无人打理"],
    "roads": ["人行道破损", "井盖缺失", "路面坑洼积水"],
    "sanitation": ["垃圾桶满溢", "楼道堆放杂物", "垃圾清运不及时"],
    "property": ["电梯经常停运", "停车位被占用", "物业不作为"],
    "facilities": ["院落路灯不亮", "健身器材损坏", "座椅损坏"],
    "safety": ["单元门禁损坏", "夜间有人翻越围墙", "电动车楼道充电"],
    "other": ["希望增设快递柜", "建议增加便民服务", "咨询社区事务"],
}
SOURCES = [(Source.WEB, 60), (Source.HOTLINE, 25), (Source.API, 10), (Source.OPEN311, 5)]
AVOID = timedelta(days=2)  # no open deadline falls within two days after `now`: figures read later stay the same


def categories_ensure() -> list[Category]:
    for position, (code, zh, en, body, kind, accept, resolve, keywords) in enumerate(CATEGORIES):
        department = body == "department"
        defaults = {"name_zh": zh, "name_en": en, "owner_body": body, "accept_hours": accept, "resolve_hours": resolve}
        defaults.update(
            committee_type="" if department else kind, department_kind=kind if department else "", keywords=keywords, position=position
        )
        Category.objects.update_or_create(code=code, defaults=defaults)
    return list(Category.objects.filter(code__in=WEIGHTS).order_by("position"))


class Owners:
    """routing.route for each category and place, asked once per (category, community, courtyard it depends on)."""

    def __init__(self, tree: Tree):
        self.communities = Community.objects.select_related("street", "district").in_bulk([c for c, _s in tree.communities])
        self.courtyards = {}
        self.memo = {}

    def fields(self, category: Category, community_id: int, courtyard_id: int | None) -> dict:
        key = (category.pk, community_id, courtyard_id if category.owner_body == "courtyard_group" else None)
        if key not in self.memo:
            self.memo[key] = self._route(category, self.communities[community_id], key[2])
        return self.memo[key]

    def _route(self, category, community, courtyard_id) -> dict:
        courtyard = Courtyard.objects.get(pk=courtyard_id) if courtyard_id else None
        owner = routing.route(category=category, community=community, courtyard=courtyard)
        request = Request(community=community, street=community.street, district=community.district)
        routing.owner_apply(request, owner)
        return {
            "owner_body": request.owner_body,
            "committee_type": request.committee_type,
            "owner_committee_id": request.owner_committee_id,
            "owner_department_id": request.owner_department_id,
            "owner_label": request.owner_label,
            "note": owner.note,
        }


def requests_build(run: Run, tree: Tree, people: People, totals: Totals) -> None:
    plan, rng = run.plan, run.plan.rng("requests")
    categories = categories_ensure()
    totals.categories, totals.street_names = {c.pk: c.code for c in categories}, tree.names
    weights = [WEIGHTS[c.code] for c in categories]
    owners = Owners(tree)
    for _ in range(plan.counts["requests"]):
        category = rng.choices(categories, weights)[0]
        resident_id, unit_index = people.residents[rng.randrange(len(people.residents))]
        _request(run, rng, tree, people, owners, totals, category, resident_id, unit_index)


def _created(rng, plan, category):
    """A submission time in the five years, more of them lately; no deadline left just after `now`."""
    while True:
        created = plan.start + (plan.now - plan.start) * (rng.random() ** 0.8)
        accept, resolve = created + timedelta(hours=category.accept_hours), created + timedelta(hours=category.resolve_hours)
        if not (plan.now <= accept < plan.now + AVOID or plan.now <= resolve < plan.now + AVOID):
            return created, accept, resolve


def _place(rng, tree: Tree, unit_index: int) -> dict:
    unit_id, building_id, courtyard_id, community_id, street_id = tree.units[unit_index]
    where = {"community_id": community_id, "street_id": street_id, "district_id": tree.district_id}
    r = rng.random()
    if r < 0.9:
        where["courtyard_id"] = courtyard_id
    if r < 0.7:
        where.update(unit_id=unit_id, building_id=building_id)
    return where


def _request(run, rng, tree, people, owners, totals, category, resident_id, unit_index) -> None:
    plan = run.plan
    where = _place(rng, tree, unit_index)
    owner = dict(owners.fields(category, where["community_id"], where.get("courtyard_id")))
    note = owner.pop("note")
    created, accept_due, resolve_due = _created(rng, plan, category)
    life = life_draw(rng, created=created, accept_hours=category.accept_hours, resolve_hours=category.resolve_hours, routed_note=note)
    steps = life_cut(life, plan.now)
    status = status_of(steps)
    source = rng.choices([s for s, _w in SOURCES], [w for _s, w in SOURCES])[0]
    staff = people.staff.get(where["community_id"]) or people.staff.get(where["street_id"]) or people.staff[tree.district_id]
    actors = {"resident": resident_id, "staff": rng.choice(staff), "system": None}
    if source == Source.HOTLINE:
        actors["operator"] = people.operators[where["street_id"]]
    row = {
        "resident_id": resident_id,
        "filed_by_id": actors.get("operator"),
        "category_id": category.pk,
        "status": status,
        "source": source,
    }
    row.update(where, **owner, title=rng.choice(TITLES[category.code]), public=rng.random() < 0.8)
    row["text"] = f"{row['title']}，请尽快处理。"
    row.update(_times(steps, created, accept_due, resolve_due, category, plan.now))
    row.update(rating=life.rating if status == Status.CLOSED else None, created_at=created, updated_at=steps[-1].at)
    if any(step.to == Status.ASSIGNED for step in steps):
        row["assignee_id"] = actors["staff"]
    request_id = run.ids.take(Request)
    row.update(id=request_id, number=f"CH-{created.year}-{request_id:06d}")
    row["support_count"] = _supports(run, rng, people, request_id, where["community_id"], created)
    _photos(run, rng, request_id, created)
    events = _events(run, request_id, steps, actors)
    _notify(run, rng, row, steps[-1])
    run.add(Request, row)
    totals.request_add(row, reopened=any(s.to == Status.REOPENED for s in steps), events=events, now=plan.now)


def _times(steps, created, accept_due, resolve_due, category, now) -> dict:
    times = {
        "accept_due_at": accept_due,
        "resolve_due_at": resolve_due,
        "owner_accept_due_at": accept_due,
        "owner_resolve_due_at": resolve_due,
    }
    for step in steps:
        if step.to == Status.ACCEPTED:
            times["accepted_at"] = step.at
        elif step.to == Status.RESOLVED:
            times["resolved_at"] = step.at
        elif step.to in (Status.CLOSED, Status.REJECTED):
            times["closed_at"] = step.at
        elif step.to == Status.REOPENED:
            times["owner_resolve_due_at"] = step.at + timedelta(hours=category.resolve_hours)
    share = settings.REQUEST_WARN_AT
    status = status_of(steps)
    if status in OPEN_STATUSES:
        accept_warn = created + (accept_due - created) * share
        resolve_warn = created + (times["owner_resolve_due_at"] - created) * share
        times["accept_warn_at"] = accept_warn if "accepted_at" not in times and accept_warn > now else None
        times["resolve_warn_at"] = resolve_warn if resolve_warn > now else None
    return times


def _events(run, request_id, steps, actors) -> int:
    status = ""
    for step in steps:
        actor = actors.get("operator", actors["resident"]) if step.kind == "submitted" else actors[step.by]
        row = {
            "request_id": request_id,
            "kind": step.kind,
            "actor_id": actor,
            "note": step.note if isinstance(step.note, str) else "",
            "message": step.note if isinstance(step.note, dict) else {},  # the routing's own words (routing.Owner.note)
            "public": step.public,
            "created_at": step.at,
        }
        row.update(from_status=status if step.to else "", to_status=step.to)
        status = step.to or status
        run.add(TimelineEvent, row)
    return len(steps)


def _supports(run, rng, people, request_id, community_id, created) -> int:
    """About one request in eight gathers supporters (+1) from its own community."""
    share = run.plan.counts["supports"] / run.plan.counts["requests"]
    if rng.random() >= share / 1.5:
        return 0
    neighbours = people.by_community[community_id]
    chosen = {people.residents[neighbours[rng.randrange(len(neighbours))]][0] for _ in range(rng.randint(1, 2))}
    for user_id in chosen:
        run.add(Support, {"request_id": request_id, "user_id": user_id, "created_at": created + timedelta(hours=rng.random() * 48)})
    return len(chosen)


def _photos(run, rng, request_id, created) -> None:
    """Photo rows only: the files themselves are not generated (a page that shows one gets a missing file)."""
    share = run.plan.counts["photos"] / run.plan.counts["requests"]
    for _ in range(int(share) + (rng.random() < share % 1)):
        code = uuid.UUID(int=rng.getrandbits(128), version=4)
        image = f"requests/{created:%Y/%m}/{code.hex}.jpg"
        run.add(RequestPhoto, {"request_id": request_id, "code": code, "image": image, "width": 1280, "height": 960, "created_at": created})


def _notify(run, rng, row, step) -> None:
    """The resident's notice of the latest status change, for the share of requests that would still keep one."""
    if not step.to or rng.random() >= run.plan.counts["notifications"] / run.plan.counts["requests"]:
        return
    link = _detail_link()
    note = [step.note] if isinstance(step.note, str) else [step.note, ""]
    params = {"number": row["number"], "title": row["title"], "status": stored_text.choice("requests.status", step.to), "note": note}
    key = f"request:{row['number']}:{step.kind}:{row['resident_id']}"
    row_ = {
        "recipient_id": row["resident_id"],
        "kind": "requests.status",
        "params": params,
        "link": link.replace("NUMBER", row["number"]),
        "key": key,
    }
    read = step.at + timedelta(hours=rng.random() * 72)
    row_.update(
        status="delivered", next_attempt_at=step.at, delivered_at=step.at, read_at=read if read < run.plan.now else None, created_at=step.at
    )
    run.add(Notification, row_)


@cache
def _detail_link() -> str:
    """The detail link with a NUMBER placeholder (notices store codes, rendered when read: core.stored_text)."""
    return reverse("requests:detail", kwargs={"number": "NUMBER"})
