"""Pages of patrols 巡查: the phone's quick log, the list (scoped: a worker's grid, a community's staff) and one patrol."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from governance.accounts.scoping import gate_required, staff_required

from . import selectors, services
from .forms_patrols import PatrolLogForm
from .models import PatrolPhoto

PAGE_SIZE = 50


def grid_of_request(request):
    """The grid the worker logs in: the one named (?grid=code), or the first they work; 404 if none."""
    grids = selectors.grids_worked(user=request.user)
    code = request.POST.get("grid") or request.GET.get("grid")
    grid = grids.filter(code=code).first() if code else grids.first()
    if grid is None:
        raise Http404
    return grid, grids


@staff_required
@gate_required(selectors.logs_field_work)
@require_http_methods(["GET", "POST"])
def patrol_log(request):
    """巡查登记. A resubmitted draft (same hidden key) shows the patrol it already made."""
    grid, grids = grid_of_request(request)
    form = PatrolLogForm(request.POST or None, request.FILES or None, grid=grid, initial=PatrolLogForm.initial_for())
    if request.method == "POST" and form.is_valid():
        try:
            patrol = services.patrol_log(worker=request.user, **form.patrol_fields())
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            form.add_error(None, _("You cannot log a patrol in this grid."))
        else:
            messages.success(request, _("Patrol logged: %(n)s courtyards.") % {"n": patrol.covered.count()})
            return redirect(reverse("fieldwork:patrol_detail", kwargs={"code": patrol.code}) + "?logged=1")
    return render(request, "fieldwork/patrol_log.html", {"form": form, "grid": grid, "grids": grids})


@staff_required
def patrol_list(request):
    patrols = selectors.patrol_list(user=request.user)
    if request.GET.get("mine"):
        patrols = patrols.filter(worker=request.user)
    page = Paginator(patrols, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "fieldwork/patrol_list.html", {"page": page, "mine": bool(request.GET.get("mine"))})


@staff_required
def patrol_detail(request, code):
    patrol = selectors.patrol_for(user=request.user, code=code)
    return render(request, "fieldwork/patrol_detail.html", {"patrol": patrol, "photos": patrol.photos.all()})


@staff_required
def patrol_photo(request, code, photo_code):
    patrol = selectors.patrol_for(user=request.user, code=code)
    item = get_object_or_404(PatrolPhoto, patrol=patrol, code=photo_code)
    return FileResponse(item.image.open("rb"), content_type="image/jpeg")
