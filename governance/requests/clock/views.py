"""Staff pages of the clock: 延期申请 (ask, list to decide, decide). Thin: gate, one call, redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.accounts.scoping import staff_required, work_required
from governance.core.feedback import flash_error

from .. import selectors as request_selectors
from ..choices import OPEN_STATUSES, OwnerBody
from ..workflow import rules
from . import extensions, selectors
from .forms import ExtensionDecisionForm, ExtensionForm
from .models import ExtensionStatus

PAGE_SIZE = 30


def staff_detail_context(*, item, user) -> dict:
    """The clock section of a request's staff page: its pause, its extensions, the forms its owner and deciders use."""
    asked = list(selectors.extensions_of(request=item))
    pending = next((extension for extension in asked if extension.status == ExtensionStatus.PENDING), None)
    may_ask = item.status in OPEN_STATUSES and item.owner_body != OwnerBody.DISTRICT and pending is None
    decides = pending is not None and extensions.deciders(item).filter(pk=user.pk).exists()
    return {
        "pause": selectors.open_pause_of(request=item),
        "extensions": asked,
        "extension_form": ExtensionForm() if may_ask and rules.may_handle(user, item) else None,
        "pending_extension": pending,
        "decision_form": ExtensionDecisionForm() if decides else None,
    }


@work_required
@require_POST
def extension_ask(request, number: str):
    item = request_selectors.request_get(user=request.user, number=number)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why, and give a number of days or a new date."))
        return redirect("requests:staff_detail", number=number)
    try:
        extensions.extension_request(request=item, by=request.user, reason=form.cleaned_data["reason"], **form.service_kwargs())
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Extension asked: the level above decides."))
    return redirect("requests:staff_detail", number=number)


@staff_required
def extension_list(request):
    page = Paginator(selectors.extensions_to_decide(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    for extension in page:
        extension.decision_form = ExtensionDecisionForm(auto_id=f"id_extension{extension.pk}_%s")  # one form per row, ids unique
    return render(request, "requests/extension_list.html", {"page": page})


@staff_required
@require_POST
def extension_decide(request, pk: int):
    extension = selectors.extension_get(user=request.user, pk=pk)
    form = ExtensionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Approve or refuse the extension."))
        return redirect("requests:extension_list")
    try:
        extensions.extension_decide(
            extension=extension, by=request.user, approve=form.cleaned_data["decision"] == "approve", note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Extension decided: the owner is told."))
    return redirect("requests:extension_list")
