from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.accounts.scoping import staff_required

from . import selectors, services
from .forms import AttendanceForm, CertificateForm, CourseForm, SessionForm

PAGE_SIZE = 50


def _managers_only(user) -> None:
    if not selectors.manages_courses(user):
        raise Http404


def _saved(form, write) -> object | None:
    """Run the service; its refusal becomes a form error (out of scope is a 404, as everywhere)."""
    try:
        return write()
    except ValidationError as error:
        form.add_error(None, error)
    except PermissionDenied:
        raise Http404 from None
    return None


# --- staff -----------------------------------------------------------------------------------------


@staff_required
def course_list(request):
    page = Paginator(selectors.course_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/course_list.html", {"page": page, "may_create": selectors.manages_courses(request.user)})


@staff_required
@require_http_methods(["GET", "POST"])
def course_create(request):
    _managers_only(request.user)
    form = CourseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        course = _saved(form, lambda: services.course_create(by=request.user, **form.cleaned_data))
        if course is not None:
            messages.success(request, _("Course created: %(title)s.") % {"title": course.title})
            return redirect("training:course_detail", code=course.code)
    return render(request, "training/course_form.html", {"form": form})


@staff_required
def course_detail(request, code):
    course = selectors.course_for(user=request.user, code=code)
    return render(
        request, "training/course_detail.html", {"course": course, "form": SessionForm(), "may_manage": _manages(request, course)}
    )


@staff_required
@require_POST
def session_create(request, code):
    course = selectors.course_for(user=request.user, code=code, action=Action.MANAGE)
    form = SessionForm(request.POST)
    if form.is_valid() and _saved(form, lambda: services.session_create(by=request.user, course=course, **form.session_fields())):
        messages.success(request, _("Session added."))
        return redirect("training:course_detail", code=course.code)
    context = {"course": course, "form": form, "may_manage": True}
    return render(request, "training/course_detail.html", context, status=400)


@staff_required
def session_detail(request, code):
    session = selectors.session_for(user=request.user, code=code)
    context = {"session": session, "form": AttendanceForm(by=request.user), "may_manage": _manages(request, session.course)}
    return render(request, "training/session_detail.html", context)


@staff_required
@require_POST
def attendance_record(request, code):
    session = selectors.session_for(user=request.user, code=code, action=Action.MANAGE)
    form = AttendanceForm(request.POST, by=request.user)
    if form.is_valid():
        attendance = _saved(form, lambda: services.attendance_record(by=request.user, session=session, **form.attendance_fields()))
        if attendance is not None:
            messages.success(
                request, _("Attendance recorded: %(person)s, %(hours)s hours.") % {"person": attendance.person, "hours": attendance.hours}
            )
            return redirect("training:session_detail", code=session.code)
    return render(request, "training/session_detail.html", {"session": session, "form": form, "may_manage": True}, status=400)


@staff_required
def certificate_list(request):
    page = Paginator(selectors.certificate_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/certificate_list.html", {"page": page, "may_create": selectors.manages_courses(request.user)})


@staff_required
@require_http_methods(["GET", "POST"])
def certificate_record(request):
    _managers_only(request.user)
    form = CertificateForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        certificate = _saved(form, lambda: services.certificate_record(by=request.user, **form.cleaned_data))
        if certificate is not None:
            messages.success(request, _("Certificate recorded: %(certificate)s.") % {"certificate": certificate})
            return redirect("training:certificate_list")
    return render(request, "training/certificate_form.html", {"form": form})


def _manages(request, course) -> bool:
    return permissions.can(request.user, Action.MANAGE, course)


# --- the person's own record -------------------------------------------------------------------------


@login_required
def mine(request):
    context = {
        "totals": selectors.person_totals(person=request.user),
        "attendance": selectors.attendance_of(person=request.user),
        "certificates": selectors.certificates_of(person=request.user),
    }
    return render(request, "training/mine.html", context)
