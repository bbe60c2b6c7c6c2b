"""The drill-down below the community: a grid's dashboard, and one courtyard of the grid."""

from django.shortcuts import render

from governance.accounts.scoping import staff_required

from . import grid_selectors, periods


def _period_context(request) -> dict:
    start, end = periods.last_twelve_months()
    return {"start": start, "end": end, "stale_days": grid_selectors.stale_days_of(request.GET.get("days"))}


@staff_required
def grid_dashboard(request, code: str):
    grid = grid_selectors.grid_for(user=request.user, code=code)
    period = _period_context(request)
    context = {"grid": grid, **period, **grid_selectors.grid_dashboard(grid=grid, **period)}
    context["map"] = grid_selectors.grid_map(grid=grid)
    return render(request, "reports/grid_dashboard.html", context)


@staff_required
def grid_dashboard_courtyard(request, code: str, courtyard: str):
    grid = grid_selectors.grid_for(user=request.user, code=code)
    place = grid_selectors.courtyard_for(user=request.user, grid=grid, code=courtyard)
    period = _period_context(request)
    context = {"grid": grid, "courtyard": place, **period, **grid_selectors.courtyard_page(grid=grid, courtyard=place, **period)}
    return render(request, "reports/grid_dashboard_courtyard.html", context)
