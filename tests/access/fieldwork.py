"""Grid work in the matrix: patrols and household visits (staff of the place and the grid's workers; see tests/access/__init__.py)."""

import uuid

from django.urls import reverse
from django.utils import timezone

from . import STAFF, Case, Listing, Write
from .sentinels import INSIDE, MAKERS, OUTSIDE, model_rows, staff_sees

PATROL_KEY = uuid.UUID("5e1f0000-0000-4000-8000-00000000f001")
VISIT_KEY = uuid.UUID("5e1f0000-0000-4000-8000-00000000f002")
LOGGERS = {"admin", "street", "community", "worker"}  # staff of 新鸿社区 and its grid's deputy (demo_worker)


def _grid(d=None):
    from courtyards.models import Grid

    return Grid.objects.get(code="xinhong-grid-1")


def _patrol(d=None):
    from governance.fieldwork.models import Patrol

    return Patrol.objects.filter(grid__code="xinhong-grid-1").order_by("pk").first()


def _visit(d=None):
    from governance.fieldwork.models import Visit

    return Visit.objects.filter(grid__code="xinhong-grid-1").order_by("pk").first()


def _photo_of_patrol(d):
    from governance.fieldwork.models import PatrolPhoto
    from tests.governance.activities.helpers import png_upload

    patrol = _patrol()
    photo = PatrolPhoto(patrol=patrol)
    photo.image.save("photo.jpg", png_upload(), save=True)
    return {"code": patrol.code, "photo_code": photo.code}


def _hualin_grid():
    """A grid of 华林社区 with its own worker, for the rows no persona but demo_admin may see."""
    from courtyards import grids
    from courtyards.models import Community, Courtyard, Grid
    from tests.base import make_user

    existing = Grid.objects.filter(code="hualin-fieldwork-sentinel").first()
    if existing is not None:
        return existing
    hualin = Community.objects.get(code="hualin")
    worker = make_user(display_name="华林网格员")
    courtyards = [Courtyard.objects.filter(community=hualin).order_by("code").first()]
    return grids.grid_create(community=hualin, name="华林哨兵网格", code="hualin-fieldwork-sentinel", worker=worker, courtyards=courtyards)


def _make_patrol_outside():
    from governance.fieldwork import services

    grid = _hualin_grid()
    return services.patrol_log(
        worker=grid.worker, grid=grid, started_at=timezone.now(), courtyards=list(grid.courtyards.all()), idempotency_key=uuid.uuid4()
    )


def _make_visit_outside():
    from courtyards.models import Unit
    from governance.fieldwork import services

    grid = _hualin_grid()
    unit = Unit.objects.filter(grid=grid).order_by("code").first()
    return services.visit_log(
        worker=grid.worker, grid=grid, unit=unit, room="9901", visited_at=timezone.now(), idempotency_key=uuid.uuid4()
    )


MAKERS[("fieldwork.patrol", OUTSIDE)] = _make_patrol_outside
MAKERS[("fieldwork.visit", OUTSIDE)] = _make_visit_outside


def code(get):
    return lambda d: {"code": get(d).code}


def _patrol_data(d, grid) -> dict:
    return {
        "grid": grid.code,
        "idempotency_key": str(PATROL_KEY),
        "started_at": "2026-12-01T09:00",
        "ended_at": "2026-12-01T09:40",
        "courtyards": ["xinhong-nanlu"],
        "checks": ["safety"],
    }


def _visit_data(d, grid) -> dict:
    from courtyards.models import Unit

    unit = Unit.objects.filter(grid=grid).order_by("code").first()
    data = {"grid": grid.code, "idempotency_key": str(VISIT_KEY), "unit": unit.pk, "room": "8801"}
    return {**data, "visited_at": "2026-12-01T10:00", "purpose": "routine"}


def _rows(model, key):
    def rows(d, grid):
        from governance.fieldwork import models

        return getattr(models, model).objects.filter(idempotency_key=key)

    return rows


def _link(name: str):
    return lambda obj: reverse(f"fieldwork:{name}", kwargs={"code": obj.code})


LOGGED = STAFF | dict.fromkeys(["demo_admin", "demo_street", "demo_community", "demo_worker"], 302)

ROUTES = {
    "fieldwork:patrol_list": [Case(STAFF)],
    "fieldwork:patrol_log": [
        Case(STAFF),
        Case(
            LOGGED,
            method="post",
            data=lambda d: {**_patrol_data(d, _grid()), "idempotency_key": str(uuid.uuid4())},
        ),
    ],
    "fieldwork:patrol_detail": [Case(STAFF, code(_patrol))],
    "fieldwork:patrol_photo": [Case(STAFF, _photo_of_patrol)],
    "fieldwork:visit_list": [Case(STAFF)],
    "fieldwork:visit_log": [
        Case(STAFF),
        Case(
            LOGGED,
            method="post",
            data=lambda d: {**_visit_data(d, _grid()), "idempotency_key": str(uuid.uuid4())},
        ),
    ],
    "fieldwork:visit_detail": [Case(STAFF, code(_visit))],
}

LISTS = {
    "fieldwork:patrol_list": Listing(
        rows := model_rows("fieldwork.patrol", _link("patrol_detail"), only={INSIDE, OUTSIDE}), staff_sees(rows)
    ),
    "fieldwork:visit_list": Listing(
        visit_rows := model_rows("fieldwork.visit", _link("visit_detail"), only={INSIDE, OUTSIDE}), staff_sees(visit_rows)
    ),
}

WRITES = {
    "fieldwork:patrol_log": [Write(_grid, LOGGERS, data=_patrol_data, rows=_rows("Patrol", PATROL_KEY))],
    "fieldwork:visit_log": [Write(_grid, LOGGERS, data=_visit_data, rows=_rows("Visit", VISIT_KEY))],
}
