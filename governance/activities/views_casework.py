"""Pages of restricted case work (special families) and of funded projects, for staff."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from governance.accounts import permissions
from governance.accounts.choices import SecurityEventKind
from governance.accounts.permissions import Action
from governance.accounts.scoping import staff_required
from governance.accounts.services import security_event_record
from governance.core.feedback import flash_error

from . import selectors, services
from .forms import CaseNoteForm, GrantForm, HelpRecordForm, SpecialFamilyForm

PAGE_SIZE = 50


@staff_required
def family_list(request):
    page = Paginator(selectors.family_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "activities/family_list.html", {"page": page})


@staff_required
@require_http_methods(["GET", "POST"])
def family_create(request):
    form = SpecialFamilyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            family = services.special_family_create(by=request.user, assigned_worker=request.user, **form.cleaned_data)
        except PermissionDenied:
            form.add_error(None, _("Only a social worker or staff of the community can open a case file there."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Case file opened. Only you can see it until you open it to a colleague."))
            return redirect("activities:family_detail", code=family.code)
    return render(request, "activities/family_form.html", {"form": form})


@staff_required
@require_POST
def family_grant(request, code):
    """The case's manager opens it to a staff member of the family's community."""
    family = selectors.family_for_staff(user=request.user, code=code)
    form = GrantForm(request.POST)
    colleague = selectors.user_by_login(login=form.cleaned_data["staff"].strip()) if form.is_valid() else None
    if colleague is None:
        messages.error(request, _("No staff member has that username or mobile number."))
        return redirect("activities:family_detail", code=code)
    try:
        services.special_family_grant(family=family, user=colleague, by=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("%(name)s can now see this case file.") % {"name": colleague})
    return redirect("activities:family_detail", code=code)


@staff_required
def family_detail(request, code):
    family = selectors.family_for_staff(user=request.user, code=code)
    security_event_record(kind=SecurityEventKind.FAMILY_VIEWED, actor=request.user, obj=family, request=request)
    context = {
        "family": family,
        "may_manage": permissions.can(request.user, Action.MANAGE, family),
        "note_form": CaseNoteForm(),
        "help_form": HelpRecordForm(family=family),
        "grant_form": GrantForm(),
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
        flash_error(request, error)
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
