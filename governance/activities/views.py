from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from governance.accounts import permissions
from governance.accounts.choices import SecurityEventKind
from governance.accounts.permissions import Action
from governance.accounts.scoping import staff_required
from governance.accounts.services import security_event_record
from governance.core.feedback import flash_error

from . import selectors, services
from .certificate import certificate_pdf
from .filtersets import ActivityFilterSet
from .forms import ActivityEditForm, ActivityLogForm, HoursReportForm, PhotoForm
from .models import Activity, ActivityPhoto, VolunteerHours

PAGE_SIZE = 50


# --- workers ---------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def activity_log(request):
    """The quick log form. A resubmitted form (same hidden key) shows the activity it already created."""
    if not permissions.holds_role(request.user, permissions.roles_allowed(Activity, Action.FIELD)):
        raise Http404
    form = ActivityLogForm(
        request.POST or None, request.FILES or None, user=request.user, initial=ActivityLogForm.initial_for(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_log(by=request.user, **form.activity_fields())
            if form.cleaned_data["photo"] and not activity.photos.exists():
                services.photo_add(activity=activity, by=request.user, upload=form.cleaned_data["photo"])
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            form.add_error(None, _("You cannot log activities in that place."))
        else:
            messages.success(request, _("Logged: %(activity)s, %(n)s person-times.") % {"activity": activity, "n": activity.person_times})
            return redirect(reverse("activities:detail", kwargs={"code": activity.code}) + "?logged=1")
    return render(request, "activities/log.html", {"form": form})


@staff_required
def activity_list(request):
    filterset = ActivityFilterSet(request.GET, queryset=selectors.activity_list(user=request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "activities/list.html", {"filter": filterset, "page": page})


@staff_required
def activity_detail(request, code):
    activity = selectors.activity_for_staff(user=request.user, code=code)
    context = {
        "activity": activity,
        "may_edit": services.activity_may_edit(request.user, activity),
        "may_decide": services.hours_may_decide(request.user, activity),
        "photo_form": PhotoForm(),
    }
    return render(request, "activities/detail.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, code):
    activity = selectors.activity_for_staff(user=request.user, code=code)
    if not services.activity_may_edit(request.user, activity):
        raise Http404
    form = ActivityEditForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=activity, by=request.user, **{f: form.cleaned_data[f] for f in form.changed_data})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("activities:detail", code=activity.code)
    return render(request, "activities/edit.html", {"form": form, "activity": activity})


@staff_required
@require_POST
def photo_upload(request, code):
    activity = selectors.activity_for_staff(user=request.user, code=code)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a photo to upload."))
        return redirect("activities:detail", code=code)
    try:
        services.photo_add(activity=activity, by=request.user, upload=form.cleaned_data["photo"])
    except ValidationError as error:
        flash_error(request, error)
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, _("Photo added."))
    return redirect("activities:detail", code=code)


@staff_required
def photo(request, code, photo_code):
    activity = selectors.activity_for_staff(user=request.user, code=code)
    item = get_object_or_404(ActivityPhoto, activity=activity, code=photo_code)
    return FileResponse(item.image.open("rb"), content_type="image/jpeg")


@login_required
@require_POST
def hours_decide(request, code, hours_id: int):
    """Staff and workers of the place, who logged it, and leaders or chairs of the organising body."""
    activity = selectors.activity_for_hours(user=request.user, code=code)
    entry = get_object_or_404(VolunteerHours, activity=activity, pk=hours_id)
    try:
        services.volunteer_hours_decide(entry=entry, by=request.user, approve=request.POST.get("decision") == "approve")
    except ValidationError as error:
        flash_error(request, error)
    except PermissionDenied:
        raise Http404 from None
    if request.POST.get("back") == "queue" or not permissions.is_staff_member(request.user):
        return redirect("activities:hours_queue")  # leaders and chairs have no staff page of the activity
    return redirect("activities:detail", code=code)


@login_required
def hours_queue(request):
    if not selectors.decides_hours(request.user):
        raise Http404
    page = Paginator(selectors.hours_waiting(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "activities/hours_queue.html", {"page": page})


# --- residents and volunteers ----------------------------------------------------------


def public_detail(request, code):
    try:
        activity = selectors.activity_public(code=code)
    except Activity.DoesNotExist:
        raise Http404 from None
    context = {"activity": activity, "signup": selectors.signup_of(user=request.user, activity=activity), "hours_form": HoursReportForm()}
    return render(request, "activities/public_detail.html", context)


@login_required
@require_POST
def signup(request, code):
    activity = get_object_or_404(Activity, code=code)
    try:
        services.signup_create(activity=activity, user=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("You are signed up. See you there!"))
    return redirect("activities:public_detail", code=code)


@login_required
@require_POST
def signup_cancel(request, code):
    activity = get_object_or_404(Activity, code=code)
    services.signup_cancel(activity=activity, user=request.user)
    messages.success(request, _("Your sign-up is cancelled."))
    return redirect("activities:public_detail", code=code)


@login_required
@require_POST
def hours_report(request, code):
    activity = get_object_or_404(Activity, code=code)
    form = HoursReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter between 0.5 and 24 hours."))
        return redirect("activities:public_detail", code=code)
    try:
        services.volunteer_hours_report(activity=activity, volunteer=request.user, hours=form.cleaned_data["hours"])
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Thank you. Your hours count once the organiser approves them."))
    return redirect("activities:mine")


@login_required
def my_volunteering(request):
    context = {
        "entries": selectors.hours_of(user=request.user),
        "total": selectors.approved_hours_total(user=request.user),
        "signups": selectors.signups_of(user=request.user),
        # leaders and chairs are not staff, so the work menu does not show them their queue
        "decides_hours": selectors.decides_hours(request.user),
    }
    return render(request, "activities/mine.html", context)


@login_required
def certificate(request):
    total = selectors.approved_hours_total(user=request.user)
    if not total["activities"]:
        messages.error(request, _("A certificate is issued once some of your hours are approved."))
        return redirect("activities:mine")
    pdf = certificate_pdf(user=request.user, total=total, entries=selectors.hours_of(user=request.user).filter(status="approved"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="volunteer-certificate.pdf"'
    security_event_record(kind=SecurityEventKind.REPORT_DOWNLOADED, actor=request.user, request=request, detail="volunteer-certificate.pdf")
    return response
