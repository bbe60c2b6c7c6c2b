"""Four weeks of grid work in 新鸿社区第一网格 for the demo: patrols every few days and some household visits.

新鸿南路院落 is walked often; 新华苑院落 was last patrolled 12 days ago, so the "my grid" page has a
courtyard to point at. Idempotent: each seeded row has a fixed key (uuid5 of its name), and a second
run finds the first patrol and writes nothing.
"""

import uuid
from datetime import timedelta

from django.utils import timezone

from courtyards.models import Courtyard, Grid, Unit
from governance.accounts.models import User

from . import services
from .choices import PatrolCheck, VisitPurpose
from .models import Patrol

NAMESPACE = uuid.UUID("3b1f5a52-8c1e-4f5e-9a0d-2026f1e1d013")
GRID = "xinhong-grid-1"
# days ago, worker, courtyard codes, checks, note
PATROLS = [
    (27, "demo_grid", ["xinhong-nanlu", "xinhuayuan"], ["safety", "fire_lanes"], "消防通道畅通。"),
    (24, "demo_grid", ["xinhong-nanlu"], ["sanitation"], "垃圾分类点已清理。"),
    (20, "demo_worker", ["xinhong-nanlu", "xinhuayuan"], ["safety", "facilities"], "3栋楼道灯不亮，已报物业。"),
    (16, "demo_grid", ["xinhong-nanlu"], ["illegal_building"], ""),
    (12, "demo_grid", ["xinhong-nanlu", "xinhuayuan"], ["fire_lanes", "care"], "看望独居老人。"),
    (9, "demo_grid", ["xinhong-nanlu"], ["sanitation", "disputes"], "调解停车纠纷一起。"),
    (6, "demo_worker", ["xinhong-nanlu"], ["safety"], ""),
    (3, "demo_grid", ["xinhong-nanlu"], ["facilities", "fire_lanes"], "健身器材一处松动。"),
    (1, "demo_grid", ["xinhong-nanlu"], ["safety", "sanitation"], ""),
]
# days ago, unit index in the grid, room, purpose, findings, follow-up
VISITS = [
    (25, 0, "101", VisitPurpose.CARE, "独居老人，身体尚可。", "每周电话问候"),
    (18, 1, "202", VisitPurpose.VERIFICATION, "常住人口信息已核实。", ""),
    (11, 0, "302", VisitPurpose.POLICY, "讲解垃圾分类新规。", ""),
    (5, 2, "401", VisitPurpose.MEDIATION, "楼上漏水，邻里协商中。", "下周回访"),
    (2, 0, "101", VisitPurpose.ROUTINE, "一切正常。", ""),
]


def _key(kind: str, n: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{n}")


def seed() -> None:
    grid = Grid.objects.filter(code=GRID).first()
    if grid is None or Patrol.objects.filter(idempotency_key=_key("patrol", 0)).exists():
        return
    workers = {user.username: user for user in User.objects.filter(username__in=["demo_grid", "demo_worker"])}
    courtyards = {courtyard.code: courtyard for courtyard in Courtyard.objects.filter(grid=grid)}
    now = timezone.now().replace(second=0, microsecond=0)
    for n, (days, worker, codes, checks, note) in enumerate(PATROLS):
        started = now - timedelta(days=days, hours=2)
        services.patrol_log(
            worker=workers[worker],
            grid=grid,
            started_at=started,
            ended_at=started + timedelta(minutes=50),
            courtyards=[courtyards[code] for code in codes],
            checks=[PatrolCheck(code) for code in checks],
            note=note,
            idempotency_key=_key("patrol", n),
        )
    _visits(grid, workers["demo_grid"], now)


def _visits(grid: Grid, worker: User, now) -> None:
    units = list(Unit.objects.filter(grid=grid).order_by("code")[:3])
    if not units:
        return
    for n, (days, index, room, purpose, findings, follow_up) in enumerate(VISITS):
        due = (now + timedelta(days=7)).date() if follow_up else None
        services.visit_log(
            worker=worker,
            grid=grid,
            unit=units[index % len(units)],
            room=room,
            visited_at=now - timedelta(days=days, hours=5),
            purpose=purpose,
            findings=findings,
            follow_up=follow_up,
            follow_up_due=due,
            idempotency_key=_key("visit", n),
        )
