"""Resident and staff pages for requests. Thin: gate, one call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.accounts.scoping import staff_required, work_required
from governance.core.feedback import error_text, flash_error
from governance.core.pagination import CappedPaginator

from . import selectors, services
from .choices import Status
from .clock.selectors import open_pause_of
from .clock.views import staff_detail_context as clock_context
from .dispatch.selectors import bulk_dispatch_targets, cohandler_targets, owner_targets
from .dispatch.views import cohandling_context
from .filtersets import RequestFilterSet
from .forms import BulkActionForm, ConfirmForm, ReopenForm, RequestForm, StaffActionForm, location_of, place_label
from .intake.limits import submission_limit_check
from .links import selectors as link_selectors
from .links.views import link_forms
from .models import Request
from .oversight.views import staff_detail_context as oversight_context
from .workflow import rules
from .workflow.actions import actions_for, staff_action_run
from .workflow.bulk import requests_bulk_act
from .workflow.panels import panels_for

PAGE_SIZE = 30


# --- residents ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    """Submit a request. The place is the resident's verified home, or its courtyard or community."""
    home = request.user.home_unit
    if home is None:
        messages.info(request, _("Please tell us where you live first: requests are routed by your home."))
        return redirect("courtyards:claim")
    places = selectors.places_offered(user=request.user, near=location_of(request.POST))
    form = RequestForm(request.POST or None, request.FILES or None, places=places, initial={"category": request.GET.get("category")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        place = places[data["place"]]
        try:
            submission_limit_check(resident=request.user, place=place)
            created = services.request_submit(
                resident=request.user,
                category=data["category"],
                place=place,
                title=data["title"],
                text=data["text"],
                public=data["public"],
                photos_public=data["photos_public"],
                reporter_public=data["reporter_public"],
                photo_files=data["photos"],
                latitude=data["lat"],
                longitude=data["long"],
                attributes=data["attributes"],
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            return redirect("requests:filed", number=created.number)
    return render(request, "requests/request_new.html", {"form": form, "home": home, "places": places})


@login_required
def request_filed(request, number: str):
    """The confirmation after filing: the tracking number, who handles it, by when they accept it. The reporter's only."""
    item = selectors.request_get(user=request.user, number=number)
    if item.resident_id != request.user.pk:
        raise Http404
    return render(request, "requests/request_filed.html", {"item": item})


@login_required
@require_http_methods(["GET"])
def places_near(request):
    """The courtyards near the phone's location, for the request form's script to offer (JSON)."""
    point = location_of(request.GET)
    if point is None:
        return JsonResponse({"error": _("Give lat and long in decimal degrees.")}, status=400)
    found = [{"code": c.code, "label": place_label(c.code, c)} for c in selectors.places_near(point)]
    return JsonResponse({"places": found})


@login_required
def request_mine(request):
    page = CappedPaginator(selectors.requests_of_resident(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "requests/request_mine.html", {"page": page})


@login_required
def request_detail(request, number: str):
    item = selectors.request_get(user=request.user, number=number)
    is_reporter = item.resident_id == request.user.pk
    context = {
        "item": item,
        # The resident's page tells the resident's story whoever opens it: internal notes are on the staff page only.
        "events": selectors.timeline(request=item, include_internal=False),
        "photos": selectors.photos_of(request=item),
        "is_reporter": is_reporter,
        "may_handle": rules.may_handle(request.user, item),
        "confirm_form": ConfirmForm() if is_reporter and item.status == Status.RESOLVED else None,
        # still open to the resident after their rating, until the window ends (a low rating must not end it)
        "reopen_until": rules.reopen_until(item) if is_reporter else None,
        "reopen_form": ReopenForm() if is_reporter and rules.reopen_until(item) else None,
        "after_rating": selectors.after_rating(request=item) if is_reporter and item.status == Status.CLOSED else None,
        "follow_up_actions": link_selectors.actions_of(request=item),
        "pause": open_pause_of(request=item),  # its reason was written for the resident: they are the one awaited
    }
    return render(request, "requests/request_detail.html", context)


@login_required
@require_POST
def request_confirm(request, number: str):
    item = selectors.request_get(user=request.user, number=number)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a rating from 1 to 5."))
        return redirect("requests:detail", number=number)
    try:
        services.request_confirm(request=item, by=request.user, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"])
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Thank you for your rating."))
    return redirect("requests:detail", number=number)


@login_required
@require_POST
def request_reopen(request, number: str):
    item = selectors.request_get(user=request.user, number=number)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please say what is still wrong."))
        return redirect("requests:detail", number=number)
    try:
        services.request_reopen(request=item, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Your request is open again."))
    return redirect("requests:detail", number=number)


def photo(request, code):
    """A photo, only for those who may see its request (or everyone, if the resident made it public)."""
    item = selectors.photo_get_for_user(user=request.user, code=code)
    try:
        response = FileResponse(item.image.open("rb"), content_type="image/jpeg")
    except FileNotFoundError:
        raise Http404 from None
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- staff ---------------------------------------------------------------------------------


@work_required
def queue(request):
    people = list(selectors.assignable_users(user=request.user))  # read once: the assignee filter and the bulk 派单
    queryset = selectors.request_queue(user=request.user)
    filterset = RequestFilterSet(request.GET, queryset=queryset, request=request, people=people)
    page = CappedPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "assignees": people,
        "dispatch_targets": bulk_dispatch_targets(user=request.user),
        "picked": set(request.GET.getlist("picked")),  # the rows a bulk action was just run on stay ticked
        "query": _without(request.GET, "picked", "page"),
    }
    return render(request, "requests/queue.html", context)


def _without(query, *names) -> str:
    kept = query.copy()
    for name in names:
        kept.pop(name, None)
    return kept.urlencode()


@work_required
def staff_detail(request, number: str):
    item = selectors.request_for_staff_page(user=request.user, number=number)
    actions = actions_for(item=item, user=request.user)
    search = request.GET.get("similar", "").strip()[:100]  # find an older request than the 50 offered
    may_manage = permissions.is_staff_member(request.user) and permissions.can(request.user, Action.MANAGE, item)
    context = _lists(item, request.user, may_manage, search)
    context |= {
        "item": item,
        "events": selectors.timeline(request=item, include_internal=True),
        "photos": selectors.photos_of(request=item),
        "actions": actions,
        "panels": panels_for(actions),
        "owner_targets": _targets(item, actions),
        "assignees": selectors.assignee_choices(request=item),
        "similar_search": search,
        "templates": selectors.response_templates(request=item),
        # The links to needs, covenants and follow-up actions are the tree staff's (their pages are staff_required).
        "may_manage": may_manage,
    }
    context.update(oversight_context(item=item, user=request.user))
    context.update(cohandling_context(item=item, user=request.user))
    context.update(clock_context(item=item, user=request.user))
    if context["may_manage"]:
        context.update(link_forms(item=item, user=request.user, search=search, read=context.pop("read")))
    return render(request, "requests/staff_detail.html", context)


def _lists(item: Request, user, may_manage: bool, search: str) -> dict:
    """The lists the page shows and its link forms offer, each list pair read in one query when both are needed."""
    merge_targets = selectors.merge_targets(request=item, search=search)
    if not may_manage:
        return {"merge_targets": merge_targets, "follow_up_actions": link_selectors.actions_of(request=item)}
    merge_rows, need_rows = link_selectors.offered_requests(merge_targets=merge_targets, request=item, user=user, search=search)
    linked, open_actions = link_selectors.actions_around(request=item)
    return {"merge_targets": merge_rows, "follow_up_actions": linked, "read": {"need": need_rows, "follow": open_actions}}


def _targets(item: Request, actions: list[str]) -> list[tuple[str, str]]:
    if {"dispatch", "transfer"} & set(actions):
        return owner_targets(request=item)
    return cohandler_targets(request=item) if "cohandle" in actions else []


@work_required
@require_POST
def staff_act(request, number: str):
    item = selectors.request_get(user=request.user, number=number)
    form = StaffActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That action is not known."))
        return redirect("requests:staff_detail", number=number)
    try:
        staff_action_run(item=item, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Done: %(number)s.") % {"number": number})
    return redirect("requests:staff_detail", number=number)


@staff_required
@require_POST
def bulk_assign(request):
    """The queue's bulk actions (派单 to a person or a unit, 受理, 办结), at the URL bulk assignment always had."""
    data = request.POST.copy()
    data["numbers"] = " ".join(request.POST.getlist("numbers"))
    form = BulkActionForm(data)
    if not form.is_valid():
        messages.error(request, _("Pick the requests, and for 派单 the person or unit to give them to."))
        return redirect(_queue_url(request.POST.get("query", ""), request.POST.getlist("numbers")))
    data = form.cleaned_data
    scoped = selectors.request_queue(user=request.user).filter(number__in=data["numbers"])
    try:
        count = requests_bulk_act(
            requests=Request.objects.filter(pk__in=scoped.values("pk")),
            by=request.user,
            **{name: data[name] for name in ("action", "note", "assignee", "owner")},
        )
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Done for %(count)s requests.") % {"count": count})
    return redirect(_queue_url(request.POST.get("query", ""), data["numbers"]))


def _queue_url(query: str, numbers: list[str]) -> str:
    """Back to the queue as it was filtered, the rows just acted on ticked."""
    picked = QueryDict(query[:2000], mutable=True)
    picked.setlist("picked", numbers[:200])
    return f"{reverse('requests:queue')}?{picked.urlencode()}"
