"""Pages of household visits 入户走访: the phone's log (with a household search), the scoped list and one visit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courtyards.models import Household
from governance.accounts.scoping import gate_required, staff_required

from . import selectors, services
from .forms_visits import VisitLogForm
from .patrols import PAGE_SIZE, grid_of_request


@staff_required
@gate_required(selectors.logs_field_work)
@require_http_methods(["GET", "POST"])
def visit_log(request):
    """入户走访登记. ?q= searches the grid's households; ?household= fills the form with one of them."""
    grid, grids = grid_of_request(request)
    picked = Household.objects.filter(unit__grid=grid, pk=request.GET.get("household") or None).first()
    form = VisitLogForm(request.POST or None, grid=grid, initial=VisitLogForm.initial_for(picked))
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_log(worker=request.user, **form.visit_fields())
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            form.add_error(None, _("You cannot log a visit in this grid."))
        else:
            messages.success(request, _("Visit logged: %(household)s.") % {"household": visit.household.room})
            return redirect(reverse("fieldwork:visit_detail", kwargs={"code": visit.code}) + "?logged=1")
    query = request.GET.get("q", "")
    found = selectors.grid_households_search(grid=grid, text=query)
    context = {"form": form, "grid": grid, "grids": grids, "query": query, "found": found}
    return render(request, "fieldwork/visit_log.html", context)


@staff_required
def visit_list(request):
    visits = selectors.visit_list(user=request.user)
    if request.GET.get("mine"):
        visits = visits.filter(worker=request.user)
    page = Paginator(visits, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "fieldwork/visit_list.html", {"page": page, "mine": bool(request.GET.get("mine"))})


@staff_required
def visit_detail(request, code):
    return render(request, "fieldwork/visit_detail.html", {"visit": selectors.visit_for(user=request.user, code=code)})
