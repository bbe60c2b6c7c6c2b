"""Pages of restricted case work (special families) and of funded projects, for staff."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.accounts.scoping import staff_required

from . import selectors, services
from .forms import CaseNoteForm, HelpRecordForm

PAGE_SIZE = 50


@staff_required
def family_list(request):
    page = Paginator(selectors.family_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "activities/family_list.html", {"page": page})


@staff_required
def family_detail(request, code):
    family = selectors.family_for_staff(user=request.user, code=code)
    context = {
        "family": family,
        "may_manage": permissions.can(request.user, Action.MANAGE, family),
        "note_form": CaseNoteForm(),
        "help_form": HelpRecordForm(family=family),
    }
    return render(request, "activities/family_detail.html", context)


@staff_required
@require_POST
def family_note(request, code):
    family = selectors.family_for_staff(user=request.user, code=code)
    form = CaseNoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the note first."))
        return redirect("activities:family_detail", code=code)
    try:
        services.case_note_add(family=family, by=request.user, text=form.cleaned_data["text"])
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("Case note saved."))
    return redirect("activities:family_detail", code=code)


@staff_required
@require_POST
def family_help(request, code):
    family = selectors.family_for_staff(user=request.user, code=code)
    form = HelpRecordForm(request.POST, family=family)
    if not form.is_valid():
        messages.error(request, _("Say what help was given, and when."))
        return redirect("activities:family_detail", code=code)
    try:
        services.help_record_add(family=family, by=request.user, **form.cleaned_data)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Help recorded."))
    return redirect("activities:family_detail", code=code)


@staff_required
def project_list(request):
    page = Paginator(selectors.project_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "activities/project_list.html", {"page": page})


@staff_required
def project_detail(request, code):
    project = selectors.project_for_staff(user=request.user, code=code)
    activities = selectors.project_activities(project=project)[:PAGE_SIZE]
    return render(request, "activities/project_detail.html", {"project": project, "activities": activities})
