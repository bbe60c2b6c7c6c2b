"""The demo's grids and people of grid work, and a patrol or visit logged in one line."""

import uuid
from datetime import timedelta

from django.utils import timezone

from courtyards import grids
from courtyards.models import Courtyard, Grid, Unit
from governance.accounts.models import User
from governance.fieldwork import services
from tests.base import make_user


def grid_one() -> Grid:
    return Grid.objects.get(code="xinhong-grid-1")


def grid_two() -> Grid:
    return Grid.objects.get(code="xinhong-grid-2")


def grid_worker() -> User:
    return User.objects.get(username="demo_grid")


def worker_of_grid_two() -> User:
    """A grid worker held on 新鸿社区第二网格 (the seed leaves it without one)."""
    worker = make_user(display_name="网格员 二网格")
    grids.grid_people_set(grid=grid_two(), worker=worker)
    return worker


def courtyard(code: str) -> Courtyard:
    return Courtyard.objects.get(code=code)


def unit_of(grid: Grid) -> Unit:
    return Unit.objects.filter(grid=grid).order_by("code").first()


def patrol(*, worker=None, grid=None, courtyards=None, key=None, **fields):
    started = timezone.now() - timedelta(hours=1)
    return services.patrol_log(
        worker=worker or grid_worker(),
        grid=grid or grid_one(),
        started_at=fields.pop("started_at", started),
        ended_at=fields.pop("ended_at", started + timedelta(minutes=40)),
        courtyards=courtyards if courtyards is not None else [courtyard("xinhong-nanlu")],
        idempotency_key=key or uuid.uuid4(),
        **fields,
    )


def visit(*, worker=None, grid=None, unit=None, room="808", key=None, **fields):
    grid = grid or grid_one()
    return services.visit_log(
        worker=worker or grid_worker(),
        grid=grid,
        unit=unit or unit_of(grid),
        room=room,
        visited_at=fields.pop("visited_at", timezone.now()),
        idempotency_key=key or uuid.uuid4(),
        **fields,
    )
