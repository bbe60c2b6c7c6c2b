"""我的网格 and the event form: only a grid worker (demo_worker is the deputy of 新鸿社区第一网格) gets them; the
other staff, who hold no grid, get 404 as residents do. The form's writes are tested in tests/governance/fieldwork."""

from . import Case, expect

GRID_ONLY = expect(404, anonymous=302, worker=200)

ROUTES = {
    "mygrid:home": [Case(GRID_ONLY)],
    "mygrid:event_new": [Case(GRID_ONLY)],
}
