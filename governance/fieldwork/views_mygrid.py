"""我的网格: the grid worker's landing page, phone first."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from governance.accounts.scoping import staff_required

from . import mygrid


@staff_required
@require_GET
def my_grid(request):
    grid_ids = mygrid.grid_ids_of(request.user)
    if not grid_ids:
        raise Http404
    context = {
        "grids": list(mygrid.grids_of(user=request.user)),
        "assigned": list(mygrid.assigned_to(user=request.user)),
        "follow_ups": list(mygrid.follow_ups_due(user=request.user)),
        "patrols": mygrid.courtyard_patrols(grid_ids=grid_ids),
        "requests": mygrid.request_counts(grid_ids=grid_ids),
        "events": mygrid.event_counts(grid_ids=grid_ids),
        "households": mygrid.household_count(grid_ids=grid_ids),
        "buildings": list(mygrid.buildings_with_households(grid_ids=grid_ids)),
        "families": mygrid.special_families(user=request.user),
    }
    context["patrols_due"] = [row for row in context["patrols"] if row.due]
    return render(request, "fieldwork/mygrid.html", context)
