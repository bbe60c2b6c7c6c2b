from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from courtyards.models import Building, Community, Courtyard
from governance.accounts import permissions
from governance.accounts.choices import SecurityEventKind
from governance.accounts.permissions import Action
from governance.accounts.scoping import staff_required
from governance.accounts.services import security_event_record
from governance.core.feedback import flash_error

from . import exports, registry, selectors, services
from .choices import CommitteeKind
from .filtersets import CommitteeFilterSet, NeedFilterSet
from .forms import (
    ActionDoneForm,
    ActionForm,
    AgendaItemForm,
    AppointForm,
    CommitteeEditForm,
    CommitteeForm,
    DecisionForm,
    MeetingForm,
    MembershipLinkForm,
    MinutesForm,
    NeedForm,
    NeedStatusForm,
)

PAGE_SIZE = 50


# --- public ---------------------------------------------------------------------------------


def committee_detail(request, code: str):
    committee = selectors.committee_public(code=code)
    node = committee.community or committee.street
    members = list(selectors.committee_members(committee=committee))
    context = {
        "committee": committee,
        "members": members,
        "council": selectors.council_seats(committee=committee, members=members),
        "meetings": selectors.upcoming_meetings(committee=committee),
        "decisions": selectors.decisions_taken(committee=committee),
        "show_names": selectors.may_see_names(request.user, node),
        "may_run": permissions.can(request.user, Action.MANAGE, committee),
    }
    return render(request, "committees/committee_detail.html", context)


def need_detail(request, code):
    """The need, its progress (status, share of its actions done, dated steps) and what the apps above add: its requests."""
    need = selectors.need_public(code=code)
    context = {
        "need": need,
        "supported": bool(selectors.supported_by(user=request.user, needs=[need])),
        "progress": selectors.need_progress(need=need),
        "sections": registry.need_sections(request, need),
    }
    return render(request, "committees/need_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def need_raise(request, code: str):
    community = get_object_or_404(Community, code=code)
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_raise(user=request.user, community=community, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your need is raised. Neighbours can now support it."))
            return redirect("committees:need", code=need.code)
    return render(request, "committees/need_form.html", {"form": form, "community": community})


@login_required
@require_POST
def need_support(request, code):
    need = selectors.need_public(code=code)
    try:
        services.need_support(need=need, user=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Thank you: your support is counted."))
    return redirect("committees:need", code=need.code)


# --- staff and chairs -----------------------------------------------------------------------


@staff_required
def manage_list(request):
    filterset = CommitteeFilterSet(request.GET, queryset=selectors.committee_list(user=request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "committees/manage_list.html", {"page": page, "filter": filterset})


@staff_required
@require_http_methods(["GET", "POST"])
def committee_create(request):
    communities = permissions.visible(request.user, Community.objects.order_by("code"), Action.MANAGE)
    form = CommitteeForm(request.POST or None, communities=communities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            place = _place_of(data)
            committee = services.committee_create(
                place=place, name=data["name"], kind=data["kind"], topic=data["topic"], description=data["description"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Created: %(name)s") % {"name": committee.name})
            return redirect("committees:manage", code=committee.code)
    return render(request, "committees/committee_form.html", {"form": form})


def _place_of(data: dict):
    """The community, or the courtyard or building of it whose code was given."""
    place = data["community"]
    if data["courtyard_code"]:
        place = Courtyard.objects.filter(community=place, code=data["courtyard_code"]).first()
        if place is None:
            raise ValidationError({"courtyard_code": _("No courtyard with this code in the community.")})
    if data["building_code"]:
        place = Building.objects.filter(**{place.level: place}, code=data["building_code"]).first()
        if place is None:
            raise ValidationError({"building_code": _("No building with this code in the community or courtyard.")})
    return place


@login_required
def committee_manage(request, code: str):
    committee = selectors.committee_to_run(user=request.user, code=code)
    members = list(selectors.committee_members(committee=committee))
    fields = ["name", "description", "is_active", "decision_rule", "quorum_rule", "quorum_count"]
    context = {
        "committee": committee,
        "members": members,
        "council": selectors.council_seats(committee=committee, members=members),
        "meetings": selectors.meetings_of(committee=committee),
        "appoint_form": AppointForm(),
        "edit_form": CommitteeEditForm(initial={name: getattr(committee, name) for name in fields}),
        "meeting_form": MeetingForm(),
        "is_council": committee.kind == CommitteeKind.COUNCIL,
        **_link_choices(committee),
        "show_names": True,
    }
    return render(request, "committees/committee_manage.html", context)


@login_required
@require_POST
def committee_edit(request, code: str):
    committee = selectors.committee_to_run(user=request.user, code=code)
    form = CommitteeEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("committees:manage", code=code)
    try:
        services.committee_update(committee=committee, **form.cleaned_data)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("committees:manage", code=code)


@login_required
@require_POST
def membership_appoint(request, code: str):
    committee = selectors.committee_to_run(user=request.user, code=code)
    form = AppointForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("committees:manage", code=code)
    data = form.cleaned_data
    try:
        services.membership_appoint(
            committee=committee,
            user=data["phone"],
            role=data["role"],
            seat=data["seat"],
            organisation=data["organisation"],
            started_on=data["started_on"],
            ends_on=data["ends_on"],
            handles_requests=data["handles_requests"],
        )
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Appointed: %(person)s") % {"person": data["phone"]})
    return redirect("committees:manage", code=code)


@login_required
@require_POST
def membership_end(request, pk: int):
    membership = selectors.membership_to_run(user=request.user, pk=pk)
    try:
        services.membership_end(membership=membership)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The term of %(person)s has ended; it stays in the history.") % {"person": membership.user})
    return redirect("committees:manage", code=membership.committee.code)


def _link_choices(committee) -> dict:
    return {"units": selectors.units_of_body(committee=committee), "bodies": selectors.bodies_to_represent(committee=committee)}


@login_required
@require_POST
def membership_link(request, pk: int):
    membership = selectors.membership_to_run(user=request.user, pk=pk)
    form = MembershipLinkForm(request.POST, **_link_choices(membership.committee))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("committees:manage", code=membership.committee.code)
    try:
        services.membership_link(membership=membership, **form.cleaned_data)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("committees:manage", code=membership.committee.code)


@login_required
@require_POST
def meeting_schedule(request, code: str):
    committee = selectors.committee_to_run(user=request.user, code=code)
    form = MeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the meeting a title, a time and a place."))
        return redirect("committees:manage", code=code)
    data = form.cleaned_data
    meeting = services.meeting_schedule(
        committee=committee,
        title=data["title"],
        starts_at=data["starts_at"],
        place=data["place"],
        agenda=data["agenda"].splitlines(),
        by=request.user,
    )
    messages.success(request, _("Meeting scheduled."))
    return redirect("committees:meeting", code=meeting.code)


def _meeting_forms(meeting, viewer=None, **bound) -> dict:
    needs = selectors.needs_open_for_agenda(committee=meeting.committee)
    members = meeting.committee.memberships.filter(ended_on__isnull=True).select_related("user")
    return {
        "agenda_form": bound.get("agenda") or AgendaItemForm(needs=needs),
        "minutes_form": bound.get("minutes") or MinutesForm(initial={"minutes": meeting.minutes}),
        "decision_form": bound.get("decision") or DecisionForm(**_decision_choices(meeting)),
        "action_form": bound.get("action") or ActionForm(members=members, viewer=viewer),
        "members": members,
    }


@login_required
def meeting_manage(request, code):
    """The meeting, recordable from a phone in the room: one small form per step."""
    meeting = selectors.meeting_to_run(user=request.user, code=code)
    record = selectors.meeting_record(meeting=meeting)
    present = {a.membership_id for a in record["attendances"] if a.present}
    return render(
        request,
        "committees/meeting_manage.html",
        {"meeting": meeting, **record, "present": present, **_meeting_forms(meeting, request.user)},
    )


def _step(request, code, form_class, form_kwargs, write):
    """One step of recording a meeting: validate, write, come back to the meeting page."""
    meeting = selectors.meeting_to_run(user=request.user, code=code)
    form = form_class(request.POST, **form_kwargs(meeting))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            write(meeting, form.cleaned_data)
        except ValidationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Saved."))
    return redirect("committees:meeting", code=meeting.code)


def _needs(meeting) -> dict:
    return {"needs": selectors.needs_open_for_agenda(committee=meeting.committee)}


@login_required
@require_POST
def agenda_add(request, code):
    return _step(request, code, AgendaItemForm, _needs, lambda m, d: services.agenda_item_add(meeting=m, title=d["title"], need=d["need"]))


@login_required
@require_POST
def attendance_record(request, code):
    meeting = selectors.meeting_to_run(user=request.user, code=code)
    present = {int(pk) for pk in request.POST.getlist("present") if pk.isdigit()}
    count = services.attendance_record(meeting=meeting, present_ids=present)
    messages.success(request, _("Attendance saved: %(count)s present.") % {"count": count})
    return redirect("committees:meeting", code=meeting.code)


@login_required
@require_POST
def minutes_record(request, code):
    return _step(request, code, MinutesForm, lambda m: {}, lambda m, d: services.minutes_record(meeting=m, minutes=d["minutes"]))


def _decision_choices(meeting) -> dict:
    return {**_needs(meeting), "voters": selectors.members_present(meeting=meeting)}


@login_required
@require_POST
def decision_record(request, code):
    return _step(request, code, DecisionForm, _decision_choices, lambda m, d: services.decision_record(meeting=m, **d))


def _members(meeting) -> dict:
    return {"members": meeting.committee.memberships.filter(ended_on__isnull=True)}


@login_required
@require_POST
def action_add(request, code):
    return _step(request, code, ActionForm, _members, lambda m, d: services.action_add(meeting=m, **d))


@login_required
def minutes_pdf(request, code):
    meeting = selectors.meeting_to_run(user=request.user, code=code)
    pdf = exports.minutes_pdf(meeting=meeting, record=selectors.meeting_record(meeting=meeting))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.code}.pdf"'
    security_event_record(kind=SecurityEventKind.REPORT_DOWNLOADED, actor=request.user, obj=meeting, request=request, detail="minutes.pdf")
    return response


@login_required
def votes_csv(request, code):
    meeting = selectors.meeting_to_run(user=request.user, code=code)
    response = HttpResponse(exports.votes_csv(meeting=meeting, decisions=meeting.decisions.all()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="votes-{meeting.code}.csv"'
    security_event_record(kind=SecurityEventKind.EXPORT_DOWNLOADED, actor=request.user, obj=meeting, request=request, detail="votes.csv")
    return response


@staff_required
def need_queue(request):
    filterset = NeedFilterSet(request.GET, queryset=selectors.need_queue(user=request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "committees/need_queue.html", {"page": page, "filter": filterset, "status_form": NeedStatusForm()})


@staff_required
@require_POST
def need_status(request, code):
    need = selectors.need_to_manage(user=request.user, code=code)
    form = NeedStatusForm(request.POST)
    if form.is_valid():
        try:
            services.need_set_status(need=need, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Saved."))
    return redirect("committees:need_queue")


@login_required
@require_POST
def action_done(request, pk: int):
    """Mark an action done; the last one of a decision on a need carries the need out, with the result written here."""
    action = selectors.action_to_run(user=request.user, pk=pk)
    form = ActionDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("committees:meeting", code=action.meeting.code)
    try:
        services.action_complete(action=action, by=request.user, result=form.cleaned_data["result"])
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Done: %(action)s") % {"action": action.title})
    return redirect("committees:meeting", code=action.meeting.code)
