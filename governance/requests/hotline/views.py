"""The operator's pages (接线员) and the public tracking page for callers. Thin: gate, one call, render."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from governance.accounts import permissions, second_factor
from governance.accounts.limits import phone_code_limit_check
from governance.accounts.services import source_address
from governance.core.feedback import error_text
from governance.core.pagination import CappedPaginator

from . import selectors, services
from .forms import HotlineRequestForm, TrackingCodeForm, TrackingStartForm

PAGE_SIZE = 30
PENDING, TRACKED = "tracking_pending", "tracking_numbers"


def operator_required(view):
    """The operator's pages: signed in (with the second factor), holding the hotline role; everyone else 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.is_hotline_operator(request.user):
            raise Http404
        if second_factor.pending(request):
            return second_factor.redirect_to_verify(request)
        return view(request, *args, **kwargs)

    return wrapper


@operator_required
def hotline_list(request):
    page = CappedPaginator(selectors.hotline_requests(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "requests/hotline/list.html", {"page": page})


@operator_required
@require_http_methods(["GET", "POST"])
def hotline_new(request):
    places = selectors.places_for_operator(user=request.user)
    form = HotlineRequestForm(request.POST or None, places=places)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.hotline_request_file(
                operator=request.user, place=selectors.place_for_operator(user=request.user, value=data["place"]), **_fields(data)
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Request %(number)s is filed; the caller gets the number by SMS.") % {"number": created.number})
            return redirect("hotline:list")
    return render(request, "requests/hotline/new.html", {"form": form})


def _fields(data: dict) -> dict:
    return {key: data[key] for key in ("phone", "name", "category", "title", "text")}


# --- following a request without an account ----------------------------------------------


@require_http_methods(["GET", "POST"])
def track_start(request):
    """Tracking number and phone; a code goes out only if they belong together, and the answer is the same either way."""
    form = TrackingStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number, phone = form.cleaned_data["number"].strip().upper(), form.cleaned_data["phone"]
        try:
            phone_code_limit_check(client=source_address(request) or "")
            services.tracking_code_send(number=number, phone=phone)
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            request.session[PENDING] = {"number": number, "phone": phone}
            messages.info(request, _("If this tracking number was filed with this mobile number, a code is on its way by SMS."))
            return redirect("hotline:track_code")
    return render(request, "requests/hotline/track_start.html", {"form": form})


@require_http_methods(["GET", "POST"])
def track_code(request):
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("hotline:track")
    form = TrackingCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.tracking_verify(code=form.cleaned_data["code"], **pending)
        except ValidationError as error:
            form.add_error("code", error_text(error))
        else:
            request.session[TRACKED] = [*request.session.get(TRACKED, []), item.number][-20:]
            request.session.pop(PENDING, None)
            return redirect("hotline:tracked", number=item.number)
    return render(request, "requests/hotline/track_code.html", {"form": form, "number": pending["number"]})


def tracked(request, number: str):
    """The request's public timeline, for a browser that proved the reporter's phone for this number."""
    if number not in request.session.get(TRACKED, []):
        return redirect("hotline:track")
    item = selectors.request_by_number(number=number)
    if item is None:
        raise Http404
    events = selectors.public_timeline(request=item)
    return render(request, "requests/hotline/tracked.html", {"item": item, "events": events})
