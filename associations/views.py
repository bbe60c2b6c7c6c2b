from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from committees import selectors as committee_selectors
from committees.models import Committee, Need
from courtyards.models import Community, Courtyard, Street
from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.accounts.scoping import staff_required
from governance.core.feedback import flash_error

from . import selectors, services
from .forms import ApplyForm, AssociationForm, EnterpriseForm, LeaderForm, PledgeForm, PledgeFulfilmentForm, PledgeMatchForm, ReviewForm
from .models import Enterprise

PAGE_SIZE = 50


def association_detail(request, code: str):
    association = selectors.association_public(code=code)
    context = {
        "association": association,
        "members": selectors.members(association=association),
        "mine": selectors.membership_of(user=request.user, association=association),
        "show_names": selectors.may_see_names(request.user, association.community),
        "may_run": permissions.can(request.user, Action.MANAGE, association),
        "form": ApplyForm(),
    }
    return render(request, "associations/association_detail.html", context)


@login_required
@require_POST
def apply(request, code: str):
    association = selectors.association_public(code=code)
    form = ApplyForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        services.membership_apply(association=association, user=request.user, message=message)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Your application is sent. The leader will answer soon."))
    return redirect("associations:detail", code=code)


@login_required
@require_POST
def leave(request, code: str):
    association = selectors.association_public(code=code)
    try:
        services.membership_leave(association=association, user=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("You have left %(name)s.") % {"name": association.name})
    return redirect("associations:detail", code=code)


@login_required
def mine(request):
    """What a person runs: the bodies they chair and the associations they lead (for staff: their scope)."""
    context = {
        "committees": committee_selectors.committee_list(user=request.user)[:PAGE_SIZE],
        "associations": selectors.association_list(user=request.user)[:PAGE_SIZE],
    }
    return render(request, "associations/mine.html", context)


@staff_required
def manage_list(request):
    page = Paginator(selectors.association_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "associations/manage_list.html", {"page": page})


@login_required
def association_manage(request, code: str):
    """Leaders and staff: applications to decide, members, the yearly review."""
    association = selectors.association_to_run(user=request.user, code=code)
    context = {
        "association": association,
        "applications": selectors.applications(association=association),
        "members": selectors.members(association=association),
        "reviews": association.reviews.select_related("reviewer"),
        "may_review": permissions.is_staff_member(request.user),
        "review_form": ReviewForm(),
        "leader_form": LeaderForm(),
    }
    return render(request, "associations/association_manage.html", context)


def _decide(request, pk: int, approve: bool):
    membership = selectors.membership_to_decide(user=request.user, pk=pk)
    try:
        services.membership_decide(membership=membership, by=request.user, approve=approve)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(
            request,
            _("Approved: %(person)s") % {"person": membership.user} if approve else _("Declined: %(person)s") % {"person": membership.user},
        )
    return redirect("associations:manage", code=membership.association.code)


@login_required
@require_POST
def membership_approve(request, pk: int):
    return _decide(request, pk, approve=True)


@login_required
@require_POST
def membership_decline(request, pk: int):
    return _decide(request, pk, approve=False)


@staff_required
@require_POST
def review_record(request, code: str):
    association = selectors.association_to_run(user=request.user, code=code)
    permissions.require(request.user, Action.MANAGE, association.community)  # staff review; a leader does not review themselves
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            services.review_record(association=association, reviewer=request.user, **form.cleaned_data)
        except ValidationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Review recorded."))
    return redirect("associations:manage", code=code)


@staff_required
def enterprise_list(request):
    page = Paginator(selectors.enterprise_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.pledge_offers(user=request.user, enterprises=list(page))
    return render(request, "associations/enterprise_list.html", {"page": page, "today": timezone.localdate()})


@staff_required
@require_POST
def pledge_match(request, pk: int):
    pledge = selectors.pledge_to_manage(user=request.user, pk=pk)
    needs = permissions.visible(request.user, Need.objects.all(), Action.MANAGE)
    form = PledgeMatchForm(request.POST, needs=needs)
    if not form.is_valid():
        messages.error(request, _("Choose a need of your area."))
    else:
        try:
            services.pledge_match(pledge=pledge, need=form.cleaned_data["need"])
        except ValidationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Matched."))
    return redirect("associations:enterprise_list")


@staff_required
@require_POST
def pledge_fulfilment_record(request, pk: int):
    pledge = selectors.pledge_to_manage(user=request.user, pk=pk)
    form = PledgeFulfilmentForm(request.POST, needs=pledge.needs.all())
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("associations:enterprise_list")
    try:
        services.pledge_fulfilment_record(pledge=pledge, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(
            request, _("Recorded: %(used)s used of “%(pledge)s”.") % {"used": form.cleaned_data["used"], "pledge": pledge.title}
        )
    return redirect("associations:enterprise_list")


@staff_required
@require_POST
def leader_appoint(request, code: str):
    association = selectors.association_to_run(user=request.user, code=code)
    permissions.require(request.user, Action.MANAGE, association.community)  # staff appoint leaders; leaders do not appoint themselves
    form = LeaderForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        services.leader_appoint(association=association, user=form.cleaned_data["phone"])
        messages.success(request, _("Appointed: %(person)s") % {"person": form.cleaned_data["phone"]})
    return redirect("associations:manage", code=code)


@staff_required
@require_http_methods(["GET", "POST"])
def association_create(request):
    communities = permissions.visible(request.user, Community.objects.order_by("code"), Action.MANAGE)
    committees = permissions.visible(request.user, Committee.objects.filter(community__isnull=False), Action.MANAGE)
    form = AssociationForm(request.POST or None, communities=communities, committees=committees)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        place = data.pop("community")
        courtyard_code, leader = data.pop("courtyard_code"), data.pop("leader_phone")
        if courtyard_code:
            place = Courtyard.objects.filter(community=place, code=courtyard_code).first()
        try:
            if place is None:
                raise ValidationError({"courtyard_code": _("No courtyard with this code in the community.")})
            association = services.association_create(place=place, **data)
            if leader is not None:
                services.leader_appoint(association=association, user=leader)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Created: %(name)s") % {"name": association.name})
            return redirect("associations:manage", code=association.code)
    return render(request, "associations/form.html", {"form": form, "title": _("New association")})


@staff_required
@require_http_methods(["GET", "POST"])
def enterprise_create(request):
    streets = permissions.visible(request.user, Street.objects.order_by("code"), Action.MANAGE)
    form = EnterpriseForm(request.POST or None, streets=streets)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = services.enterprise_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Created: %(name)s") % {"name": enterprise.name})
            return redirect("associations:enterprise_list")
    return render(request, "associations/form.html", {"form": form, "title": _("New enterprise")})


@staff_required
@require_http_methods(["GET", "POST"])
def pledge_create(request, code: str):
    enterprise = permissions.get_or_404(request.user, Enterprise.objects.all(), Action.MANAGE, code=code)
    form = PledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pledge_create(enterprise=enterprise, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("associations:enterprise_list")
    return render(request, "associations/form.html", {"form": form, "title": _("New pledge of %(name)s") % {"name": enterprise.name}})
