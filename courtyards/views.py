import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.accounts.scoping import staff_required
from governance.core.feedback import flash_error
from governance.core.navigation import waiting_for

from . import selectors, services
from .choices import ClaimStatus, EndorsementChannel, Level
from .filtersets import GridFilterSet, HomeClaimFilterSet, UnitFilterSet
from .forms import CovenantForm, CovenantVersionForm, DeclineForm, EndorsementRecordForm, HomeClaimForm
from .households.selectors import resettled_households_by_origin
from .models import Community, HomeClaim, Street, Unit
from .pickers import LONG_LIST, labelled, matching, place_label
from .sections import COMMUNITY_SECTIONS, HOME_SECTIONS, STREET_SECTIONS, grid_counts, render_sections

PAGE_SIZE = 50


def home(request):
    """我的社区 for a resident with a verified home; the district overview for everyone else (with, for a resident
    without one, the invitation to say where they live)."""
    unit = selectors.resident_home(user=request.user)
    if unit is None:
        invite = selectors.is_resident(request.user)
        context = {"districts": selectors.district_overview(), "invite": invite}
        context["claim_pending"] = invite and selectors.claim_pending(user=request.user)
        return render(request, "courtyards/home.html", context)
    sections = render_sections(HOME_SECTIONS, request, unit.community)
    return render(request, "courtyards/home.html", {"unit": unit, "community": unit.community, "sections": sections})


def street_detail(request, code: str):
    try:
        street = selectors.street_public(code=code)
    except Street.DoesNotExist:
        raise Http404 from None
    sections = render_sections(STREET_SECTIONS, request, street)
    return render(request, "courtyards/street_detail.html", {"street": street, "sections": sections})


def community_detail(request, code: str):
    try:
        community = selectors.community_public(code=code)
    except Community.DoesNotExist:
        raise Http404 from None
    context = {
        "community": community,
        "courtyards": selectors.community_courtyards(community=community),
        "totals": selectors.community_totals(community=community),
        "covenants": selectors.community_covenants(community=community),
        "sections": render_sections(COMMUNITY_SECTIONS, request, community),
    }
    return render(request, "courtyards/community_detail.html", context)


def place_options(request):
    """<option>s of the children of a node, for the cascading home picker."""
    level = request.GET.get("level", "")
    if level not in {Level.COURTYARD, Level.BUILDING, Level.UNIT}:
        raise Http404
    nodes = selectors.children_of(level=level, parent_code=request.GET.get("parent", ""))
    return render(request, "courtyards/partials/options.html", {"nodes": nodes})


@login_required
@require_http_methods(["GET", "POST"])
def home_claim(request):
    """A resident tells us where they live; community staff verify it."""
    form = HomeClaimForm(request.POST or request.GET or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.home_claim_create(
                user=request.user, unit=form.cleaned_data["unit"], room=form.cleaned_data["room"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. Community staff will verify your home soon."))
            return redirect("courtyards:claim")
    if request.method == "GET":
        form.errors.clear()
    context = {"form": form, "claims": selectors.claims_of(user=request.user)}
    return render(request, "courtyards/home_claim.html", context)


@staff_required
def manage_home(request):
    context = {"communities": selectors.community_list_for_user(user=request.user), "waiting": waiting_for(request.user)}
    return render(request, "courtyards/manage_home.html", context)


@staff_required
def manage_community(request, code: str):
    community = permissions.get_or_404(request.user, Community.objects.select_related("street"), Action.VIEW, code=code)
    context = {
        "community": community,
        "courtyards": selectors.community_courtyards(community=community),
        "totals": selectors.community_totals(community=community),
        "pending_claims": selectors.claim_queue(user=request.user).filter(community=community, status=ClaimStatus.PENDING).count(),
        "origins": resettled_households_by_origin(node=community),
    }
    return render(request, "courtyards/manage_community.html", context)


@staff_required
def unit_list(request):
    filterset = UnitFilterSet(request.GET, queryset=selectors.unit_list(user=request.user), request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "courtyards/unit_list.html", {"filter": filterset, "page": page})


@staff_required
def grid_list(request):
    """The grids in the viewer's scope (a street's, a community's with ?community=), what each covers, its people and figures."""
    filterset = GridFilterSet(request.GET, queryset=selectors.grid_list(user=request.user), user=request.user)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    figures = grid_counts(request.user, [grid.pk for grid in page])
    rows = [_grid_row(request.user, grid, figures) for grid in page]
    return render(request, "courtyards/grid_list.html", {"filter": filterset, "page": page, "rows": rows, "figures": figures})


def _grid_row(viewer, grid, figures) -> dict:
    def shown(person):
        return selectors.grid_person_shown(viewer=viewer, grid=grid, person=person)

    return {
        "grid": grid,
        "buildings": selectors.grid_buildings_alone(grid),
        "worker": shown(grid.worker) if grid.worker else None,
        "deputies": [shown(person) for person in grid.deputies.all()],
        "counts": [counts.get(grid.pk, 0) for _figure, counts in figures],
    }


@staff_required
def claim_queue(request):
    data = request.GET.copy()
    data.setdefault("status", ClaimStatus.PENDING)
    filterset = HomeClaimFilterSet(data, queryset=selectors.claim_queue(user=request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "courtyards/claim_queue.html", {"filter": filterset, "page": page, "decline_form": DeclineForm()})


@staff_required
@require_POST
def claim_verify(request, code):
    claim = permissions.get_or_404(request.user, HomeClaim.objects.all(), Action.VERIFY, code=code)
    try:
        services.home_claim_verify(claim=claim, by=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Verified: %(claim)s") % {"claim": claim})
    return redirect("courtyards:claim_queue")


@staff_required
@require_POST
def claim_decline(request, code):
    claim = permissions.get_or_404(request.user, HomeClaim.objects.all(), Action.VERIFY, code=code)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please say why the claim is declined."))
        return redirect("courtyards:claim_queue")
    try:
        services.home_claim_decline(claim=claim, by=request.user, reason=form.cleaned_data["decline_reason"])
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Declined: %(claim)s") % {"claim": claim})
    return redirect("courtyards:claim_queue")


def covenant_detail(request, code: str):
    """The current text on top; every older version stays readable below it."""
    covenant = selectors.covenant_public(code=code)
    context = {
        "covenant": covenant,
        "current": covenant.ordered_versions[0] if covenant.ordered_versions else None,
        "older": covenant.ordered_versions[1:],
        "households": selectors.covenant_households(covenant=covenant),
        "endorsed": selectors.endorsed_by_household(covenant=covenant, user=request.user),
        "may_manage": permissions.can(request.user, Action.MANAGE, covenant),
    }
    return render(request, "courtyards/covenant_detail.html", context)


@login_required
@require_POST
def covenant_endorse(request, code: str):
    covenant = selectors.covenant_public(code=code)
    if request.user.household is None:
        messages.error(request, _("Only residents with a verified home can endorse a covenant."))
        return redirect("courtyards:covenant", code=code)
    try:
        services.covenant_endorse(covenant=covenant, household=request.user.household, by=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Thank you: your household has endorsed the covenant."))
    return redirect("courtyards:covenant", code=code)


def _covenant_units(covenant):
    units = Unit.objects.filter(community_id=covenant.community_id)
    return units.filter(courtyard_id=covenant.courtyard_id) if covenant.courtyard_id else units


def _record_context(covenant, text: str = "") -> dict:
    """The endorsement picker, narrowed to the units matching `text` (the search without JavaScript)."""
    units = _covenant_units(covenant)
    return {
        "record_form": EndorsementRecordForm(units=matching(units, text)),
        "unit_search": {"text": text} if text or units.count() > LONG_LIST else None,
    }


@staff_required
def covenant_manage(request, code: str):
    covenant = selectors.covenant_to_manage(user=request.user, code=code)
    context = {"covenant": covenant, "version_form": CovenantVersionForm(), **_record_context(covenant, request.GET.get("q", "").strip())}
    return render(request, "courtyards/covenant_manage.html", context)


@staff_required
def covenant_unit_options(request, code: str):
    """<option>s of the covenant's units matching ?q= (each by its whole address), for the endorsement picker's search."""
    covenant = selectors.covenant_to_manage(user=request.user, code=code)
    units = labelled(matching(_covenant_units(covenant), request.GET.get("q", "")))
    options = [(unit.code, place_label(unit)) for unit in units]
    return render(request, "courtyards/partials/labelled_options.html", {"options": options})


@staff_required
@require_POST
def covenant_version_add(request, code: str):
    covenant = selectors.covenant_to_manage(user=request.user, code=code)
    form = CovenantVersionForm(request.POST)
    if form.is_valid():
        try:
            version = services.covenant_version_add(covenant=covenant, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Version %(number)s is now the current text.") % {"number": version.number})
            return redirect("courtyards:covenant", code=code)
    context = {"covenant": covenant, "version_form": form, **_record_context(covenant)}
    return render(request, "courtyards/covenant_manage.html", context)


@staff_required
@require_POST
def covenant_endorse_record(request, code: str):
    covenant = selectors.covenant_to_manage(user=request.user, code=code)
    form = EndorsementRecordForm(request.POST, units=_covenant_units(covenant))
    if not form.is_valid():
        messages.error(request, _("Choose a unit of this covenant's place and a room."))
        return redirect("courtyards:covenant_manage", code=code)
    household = services.household_get_or_create(unit=form.cleaned_data["unit"], room=form.cleaned_data["room"])
    try:
        services.covenant_endorse(covenant=covenant, household=household, by=request.user, channel=EndorsementChannel.STAFF)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Recorded: %(household)s") % {"household": household})
    return redirect("courtyards:covenant_manage", code=code)


@staff_required
@require_http_methods(["GET", "POST"])
def covenant_create(request):
    communities = permissions.visible(request.user, Community.objects.order_by("code"), Action.MANAGE)
    form = CovenantForm(request.POST or None, communities=communities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        place = data.pop("courtyard") or data.pop("community")
        data.pop("community", None)
        try:
            covenant = services.covenant_create(place=place, code=f"{place.code}-{uuid.uuid4().hex[:8]}", **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Created: %(title)s") % {"title": covenant.title})
            return redirect("courtyards:covenant", code=covenant.code)
    return render(request, "courtyards/covenant_form.html", {"form": form})
