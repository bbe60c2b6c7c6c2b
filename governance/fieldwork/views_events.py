"""Filing an event found in the field 上报事件, from a patrol, a visit or straight from 我的网格."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from governance.accounts import permissions
from governance.accounts.scoping import staff_required
from governance.core.feedback import error_text

from . import events, mygrid
from .forms_events import FieldEventForm
from .models import Patrol, Visit


def _origin(user, data) -> tuple:
    """The worker's own patrol or visit named by the form or the link (?patrol=, ?visit=); 404 for anyone else's."""
    patrol = visit = None
    if code := data.get("patrol"):
        patrol = permissions.get_or_404(user, Patrol.objects.filter(worker=user), code=code)
    elif code := data.get("visit"):
        visit = permissions.get_or_404(user, Visit.objects.filter(worker=user).select_related("household__unit"), code=code)
    return patrol, visit


@staff_required
@require_http_methods(["GET", "POST"])
def event_new(request):
    grid_ids = mygrid.grid_ids_of(request.user)
    if not grid_ids:
        raise Http404
    patrol, visit = _origin(request.user, request.POST or request.GET)
    places = mygrid.event_places(grid_ids=grid_ids, extra=visit.household.unit if visit else None)
    default = events.place_default(patrol=patrol, visit=visit)
    initial = FieldEventForm.initial_for(
        place_key=mygrid.place_key(default) if default else "", patrol=patrol and patrol.code, visit=visit and visit.code
    )
    form = FieldEventForm(request.POST or None, request.FILES or None, places=places, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = events.field_event_file(worker=request.user, patrol=patrol, visit=visit, **form.event_fields())
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _done_message(event))
            return redirect(reverse("mygrid:home") + "?reported=1")
    return render(request, "fieldwork/events_new.html", {"form": form, "patrol": patrol, "visit": visit})


def _done_message(event) -> str:
    if event.resolved_on_spot:
        return _("Resolved on the spot and recorded: %(number)s.") % {"number": event.request.number}
    return _("Reported: %(number)s is on its way to the community.") % {"number": event.request.number}
