"""Grids, patrols and events with known dates, for the grid figures. The fieldwork services live on another
branch; these rows carry the keys those services copy from the place (courtyards.services.ancestor_values)."""

import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from courtyards import grids
from courtyards import services as tree_services
from courtyards.models import Grid
from governance.fieldwork.models import FieldEvent, Patrol, PatrolCourtyard
from governance.requests.choices import Source
from tests.base import make_request, make_user, request_set
from tests.factories import courtyard_make

SHANGHAI = ZoneInfo("Asia/Shanghai")
_n = iter(range(1, 1_000_000))


def at(day, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)


def community_make(*, street, name: str = "网格测试社区"):
    n = next(_n)
    return tree_services.node_create(level="community", name=f"{name}{n}", code=f"t-gc-{n}", parent=street)


def grid_make(*, community, courtyards=(), worker=None, name: str | None = None) -> Grid:
    n = next(_n)
    return grids.grid_create(community=community, name=name or f"第{n}网格", code=f"t-grid-{n}", worker=worker, courtyards=courtyards)


def courtyards_make(*, community, count: int) -> list:
    return [courtyard_make(community=community) for _ in range(count)]


def fresh(courtyard):
    """The courtyard as stored now: grid_create gave it its grid after the test held it."""
    return type(courtyard).objects.get(pk=courtyard.pk)


def patrol_make(*, worker, courtyards, day, hour: int = 10) -> Patrol:
    """A patrol of `worker` on `day` covering `courtyards` (the first gives its place keys)."""
    courtyards = [fresh(courtyard) for courtyard in courtyards]
    place = courtyards[0]
    keys = tree_services.ancestor_values(Patrol, place)
    patrol = Patrol.objects.create(
        idempotency_key=uuid.uuid4(), worker=worker, started_at=at(day, hour), ended_at=at(day, hour) + timedelta(hours=1), **keys
    )
    for courtyard in courtyards:
        covered = tree_services.ancestor_values(PatrolCourtyard, courtyard) | {"courtyard_id": courtyard.pk}
        PatrolCourtyard.objects.create(patrol=patrol, **covered)
    return patrol


def event_make(*, patrol, courtyard, day, on_spot: bool = False, request=None) -> FieldEvent:
    keys = tree_services.ancestor_values(FieldEvent, fresh(courtyard)) | {"courtyard_id": courtyard.pk}
    event = FieldEvent.objects.create(patrol=patrol, reported_by=patrol.worker, resolved_on_spot=on_spot, request=request, **keys)
    FieldEvent.objects.filter(pk=event.pk).update(created_at=at(day, 11))
    return event


def grid_request(*, courtyard, day, resolved_after_hours: int | None, due_hours: int = 72):
    """A request the grid filed on `day` at `courtyard`, resolved that many hours later (None: still open)."""
    resident = make_user(display_name="网格上报")
    request = make_request(resident=resident, place=fresh(courtyard), source=Source.GRID)
    created = at(day, 11)
    fields = {"created_at": created, "resolve_due_at": created + timedelta(hours=due_hours)}
    if resolved_after_hours is not None:
        fields |= {"resolved_at": created + timedelta(hours=resolved_after_hours), "status": "resolved"}
    return request_set(request, **fields)
