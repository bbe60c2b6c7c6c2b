"""Reads of the drill-down below the community: a grid's dashboard and one courtyard of it, scoped through the
permission module (a grid worker sees their own grid, community staff their community's; else 404)."""

from datetime import date

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from courtyards.models import Grid
from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.core import node_cache
from governance.fieldwork import figures as grid_figures

from . import maps

RECENT = 20  # patrols and events listed on a courtyard's page
MAX_STALE_DAYS = 365


def stale_days_of(value: str | None) -> int:
    """The N of "not patrolled for N days" from the address (?days=14); the default when absent, 404 when nonsense."""
    if not value:
        return grid_figures.STALE_DAYS
    if not value.isdigit() or not 1 <= int(value) <= MAX_STALE_DAYS:
        raise Http404
    return int(value)


def grid_for(*, user, code: str) -> Grid:
    return permissions.get_or_404(user, Grid.objects.select_related("community", "street", "district", "worker"), Action.VIEW, code=code)


def courtyard_for(*, user, grid: Grid, code: str):
    return permissions.get_or_404(user, grid_figures.grid_courtyards(grid=grid), Action.VIEW, code=code)


def grid_dashboard(*, grid: Grid, start: date, end: date, stale_days: int) -> dict:
    """The grid's figures, its courtyards and its workers, cached on the grid until a request in it changes."""
    return node_cache.node_figures(
        name="grid_dashboard",
        level="grid",
        pk=grid.pk,
        parts=[start, end, stale_days],
        build=lambda: _grid_dashboard(grid=grid, start=start, end=end, stale_days=stale_days),
    )


def _grid_dashboard(*, grid: Grid, start: date, end: date, stale_days: int) -> dict:
    courtyards = grid_figures.courtyard_rows(grid=grid, start=start, end=end, stale_days=stale_days)
    rows = grid_figures.grid_rows(node=grid, start=start, end=end, stale_days=stale_days)
    return {
        "totals": rows[0] if rows else grid_figures.totals([], start, end),
        "weeks": grid_figures.weeks_of(end),
        "courtyards": courtyards,
        "workers": grid_figures.worker_rows(node=grid, start=start, end=end),
    }


def grid_map(*, grid: Grid) -> maps.PlaceMap:
    """The grid's courtyards where they lie, coloured by days since their last patrol, each linking to its page (two queries)."""
    courtyards = list(grid_figures.grid_courtyards(grid=grid).only("code", "name", "latitude", "longitude"))
    days = grid_figures.days_since_last_patrol(courtyards=courtyards)
    places = maps.places_of(courtyards, values=days, url=lambda c: _courtyard_url(grid, c))
    caption = _("Days since the last patrol of each courtyard of %(grid)s") % {"grid": grid.name}
    return maps.place_map(places, metric=maps.DAYS_SINCE_PATROL, caption=caption)


def _courtyard_url(grid: Grid, courtyard) -> str:
    return reverse("reports:grid_dashboard_courtyard", kwargs={"code": grid.code, "courtyard": courtyard.code})


def courtyard_page(*, grid: Grid, courtyard, start: date, end: date, stale_days: int) -> dict:
    """One courtyard of the grid: its figures, and its latest patrols and events of the period (three queries)."""
    (row,) = grid_figures.courtyard_rows(grid=grid, start=start, end=end, stale_days=stale_days, courtyard=courtyard)
    return {
        "row": row,
        "patrols": list(grid_figures.courtyard_patrols(courtyard=courtyard, start=start, end=end)[:RECENT]),
        "events": list(grid_figures.courtyard_events(grid=grid, courtyard=courtyard, start=start, end=end)[:RECENT]),
    }
