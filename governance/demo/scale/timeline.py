"""A request's life as the workflow would have recorded it: each step's time, its event, and where it stops.

The whole path to closing is drawn first, then cut at `now`: a young request is still open because
its next step lies in the future, and an old one that missed its deadline is overdue for the same reason.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from governance.requests.choices import EventKind, Status

NOTES = ["已联系相关人员上门查看。", "已安排处理，请耐心等待。", "现场核实情况属实，正在协调。", "已与物业沟通，将尽快处理。"]
RESOLVED_NOTES = ["已处理完毕，请确认。", "问题已解决，感谢您的反映。", "已修复，欢迎继续监督。"]
REJECT_NOTE = "经核实不属于社区职责范围，已告知相关单位，请直接联系。"
REOPEN_NOTE = "问题没有彻底解决，又出现了。"


@dataclass
class Step:
    at: datetime
    kind: str
    to: str = ""
    note: str | dict = ""  # a person's words, or the portal's (a stored text: the routing's note)
    by: str = "staff"  # staff, resident or system
    public: bool = True


@dataclass
class Life:
    steps: list[Step] = field(default_factory=list)
    reopened: bool = False
    late: bool = False
    rejected: bool = False
    rating: int | None = None
    stalled: bool = False  # the backlog: taken on, never finished


def _hours(h: float) -> timedelta:
    return timedelta(hours=h)


def life_draw(rng, *, created: datetime, accept_hours: int, resolve_hours: int, routed_note: str | dict) -> Life:
    """Every step to closing (or to a rejection, or to a backlog that never moves), before `now` cuts it."""
    life = Life(late=rng.random() < 0.05, rejected=rng.random() < 0.03, reopened=rng.random() < 0.03, stalled=rng.random() < 0.006)
    steps = life.steps
    steps.append(Step(created, EventKind.SUBMITTED, Status.SUBMITTED, by="resident"))
    if routed_note:
        steps.append(Step(created, EventKind.ROUTED, note=routed_note, by="system"))
    accepted = created + _hours(accept_hours * (0.05 + rng.random() * (1.6 if rng.random() < 0.03 else 0.9)))
    if life.rejected:
        steps.append(Step(accepted, EventKind.STATUS, Status.REJECTED, note=REJECT_NOTE))
        return life
    steps.append(Step(accepted, EventKind.STATUS, Status.ACCEPTED))
    _work(rng, life, accepted, created + _hours(resolve_hours * (1.05 + rng.random() if life.late else 0.15 + rng.random() * 0.8)))
    if life.stalled:
        return life
    if life.reopened:
        again = steps[-1].at + _hours(2 + rng.random() * 70)
        steps.append(Step(again, EventKind.REOPENED, Status.REOPENED, note=REOPEN_NOTE, by="resident"))
        if rng.random() < 0.12:  # still waiting for the owner to take it up again
            return life
        _work(rng, life, again, again + _hours(resolve_hours * (0.1 + rng.random() * 0.5)), assign=False)
    _close(rng, life, steps[-1].at)
    return life


def _work(rng, life: Life, start: datetime, resolved: datetime, assign: bool = True) -> None:
    span = resolved - start
    if assign and rng.random() < 0.5:
        life.steps.append(Step(start + span * 0.1, EventKind.ASSIGNED, Status.ASSIGNED))
    life.steps.append(Step(start + span * 0.2, EventKind.STATUS, Status.IN_PROGRESS))
    if rng.random() < 0.25:
        life.steps.append(Step(start + span * 0.5, EventKind.NOTE, note=rng.choice(NOTES)))
    if life.stalled:
        return
    life.steps.append(Step(resolved, EventKind.STATUS, Status.RESOLVED, note=rng.choice(RESOLVED_NOTES)))


def _close(rng, life: Life, resolved: datetime) -> None:
    closed = resolved + _hours(1 + rng.random() * 96)
    if rng.random() < 0.7:
        life.rating = rng.choices([5, 4, 3, 2, 1], weights=[55, 25, 10, 5, 5])[0]
        life.steps.append(Step(closed, EventKind.RATED, Status.CLOSED, by="resident"))
    else:  # not rated in time: the beat closes it
        life.steps.append(Step(closed, EventKind.STATUS, Status.CLOSED, by="system"))


def life_cut(life: Life, now: datetime) -> list[Step]:
    """The steps that have happened by `now`."""
    return [step for step in life.steps if step.at < now]


def status_of(steps: list[Step]) -> str:
    status = Status.SUBMITTED
    for step in steps:
        if step.to:
            status = step.to
    return status
