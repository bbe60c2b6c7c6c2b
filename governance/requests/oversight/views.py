"""Staff pages of 督办 and 回访. Thin: gate, one call, redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.accounts import permissions
from governance.accounts.permissions import Action
from governance.accounts.scoping import staff_required
from governance.core.feedback import flash_error
from governance.core.pagination import CappedPaginator

from .. import selectors as request_selectors
from ..choices import OPEN_STATUSES
from ..models import Callback
from ..workflow import rules
from . import selectors, services
from .forms import CallbackForm, SupervisionForm, SupervisionReplyForm
from .models import Supervision

PAGE_SIZE = 30


def staff_detail_context(*, item, user) -> dict:
    """The supervision section of a request's staff page: its 督办, the form to issue one, the owner's reply form."""
    supervisions = list(selectors.supervisions_of(request=item))  # read once: the list shows the one awaiting a reply too
    awaiting = selectors.awaiting_among(supervisions)
    may_issue = rules.may_supervise(user, item) and item.status in OPEN_STATUSES and awaiting is None
    return {
        "supervisions": supervisions,
        "supervision_form": SupervisionForm() if may_issue else None,
        "awaiting_supervision": awaiting,
        "reply_form": SupervisionReplyForm() if awaiting and rules.may_handle(user, item) else None,
    }


@staff_required
@require_POST
def supervise(request, number: str):
    item = request_selectors.request_get(user=request.user, number=number)
    form = SupervisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the instruction and the date by which the owner must reply."))
        return redirect("requests:staff_detail", number=number)
    try:
        services.supervision_issue(request=item, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Supervision issued: the owner's staff are told."))
    return redirect("requests:staff_detail", number=number)


@staff_required
@require_POST
def supervision_reply(request, pk: int):
    supervision = permissions.get_or_404(request.user, Supervision.objects.select_related("request"), Action.VIEW, pk=pk)
    form = SupervisionReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the reply."))
    else:
        try:
            services.supervision_reply(supervision=supervision, by=request.user, reply=form.cleaned_data["reply"])
        except ValidationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Reply sent to the supervising office."))
    return redirect("requests:staff_detail", number=supervision.request.number)


@staff_required
def supervision_list(request):
    overdue_only = request.GET.get("overdue") == "true"
    queryset = selectors.supervision_list(user=request.user, overdue_only=overdue_only)
    page = CappedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "requests/supervision_list.html", {"page": page, "overdue_only": overdue_only})


@staff_required
def callback_queue(request):
    page = CappedPaginator(request_selectors.callback_queue(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "requests/callback_queue.html", {"page": page, "form": CallbackForm()})


@staff_required
@require_POST
def callback_done(request, pk: int):
    callback = permissions.get_or_404(request.user, Callback.objects.select_related("request"), Action.MANAGE, pk=pk)
    form = CallbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether the resident was reached and, if so, whether they were satisfied."))
        return redirect("requests:callbacks")
    data = form.cleaned_data
    try:
        services.callback_record(
            callback=callback, by=request.user, reached=data["reached"] == "yes", satisfaction=data["satisfaction"], note=data["note"]
        )
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Callback recorded."))
    return redirect("requests:callbacks")
