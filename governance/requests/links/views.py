"""Staff pages that link a request to self-governance. Thin: gate, one call, redirect with a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.accounts.permissions import Action
from governance.accounts.scoping import staff_required
from governance.core.feedback import flash_error

from .. import selectors
from ..forms import CiteCovenantForm, LinkActionForm, RequestsToNeedForm
from ..models import Request
from . import selectors as link_selectors
from . import services as links


def link_forms(*, item: Request, user, data=None, search: str = "", read: dict | None = None) -> dict:
    """The three link forms of a request's staff page (unbound unless `data`).

    A page offers the newest 50 similar requests (or 50 matching `search`); a submitted form is checked
    against every candidate, so one found by a search is accepted too. `read`: the rows the page already
    read for the forms ("need": the similar requests, "follow": the open follow-up actions).
    """
    if data is None:
        candidates = link_selectors.need_choices(request=item, user=user, search=search)
    else:
        candidates = link_selectors.need_candidates(request=item, user=user)
    forms = {
        "need_form": RequestsToNeedForm(
            data,
            candidates=candidates,
            committees=link_selectors.need_committees(request=item, user=user),
            prefix="need",
        ),
        "covenant_form": CiteCovenantForm(data, covenants=link_selectors.covenants_for(request=item), prefix="covenant"),
        "action_form": LinkActionForm(data, actions=link_selectors.open_actions_for(request=item), prefix="follow"),
    }
    if data is None:  # the page: each list is read once, for its form, the act form's select and whether to show it
        forms["covenants"] = _read_once(forms["covenant_form"].fields["covenant"])
        forms["open_actions"] = _read_once(forms["action_form"].fields["action"], (read or {}).get("follow"))
        _read_once(forms["need_form"].fields["others"], (read or {}).get("need"))
    return forms


def _read_once(field, rows: list | None = None) -> list:
    """The rows of a model choice field (read now unless given); its widget renders them instead of querying again."""
    rows = list(field.queryset) if rows is None else rows
    iterator = field.iterator(field)
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = empty + [iterator.choice(row) for row in rows]
    return rows


def _done(request, item: Request, call, success: str):
    try:
        call()
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, success)
    return redirect("requests:staff_detail", number=item.number)


def _invalid(request, item: Request, form):
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("requests:staff_detail", number=item.number)


@staff_required
@require_POST
def to_need(request, number: str):
    item = selectors.request_get(user=request.user, number=number, action=Action.MANAGE)
    form = link_forms(item=item, user=request.user, data=request.POST)["need_form"]
    if not form.is_valid():
        return _invalid(request, item, form)
    data = form.cleaned_data

    def call():
        links.requests_to_need(
            requests=[item, *data["others"]], committee=data["committee"], title=data["title"], text=data["text"], by=request.user
        )

    return _done(request, item, call, _("The requests are now a need of %(committee)s.") % {"committee": data["committee"].name})


@staff_required
@require_POST
def cite_covenant(request, number: str):
    item = selectors.request_get(user=request.user, number=number, action=Action.MANAGE)
    form = link_forms(item=item, user=request.user, data=request.POST)["covenant_form"]
    if not form.is_valid():
        return _invalid(request, item, form)
    covenant = form.cleaned_data["covenant"]
    return _done(request, item, lambda: links.request_cite_covenant(request=item, covenant=covenant, by=request.user), _("Covenant cited."))


@staff_required
@require_POST
def link_action(request, number: str):
    item = selectors.request_get(user=request.user, number=number, action=Action.MANAGE)
    form = link_forms(item=item, user=request.user, data=request.POST)["action_form"]
    if not form.is_valid():
        return _invalid(request, item, form)
    action = form.cleaned_data["action"]
    return _done(
        request, item, lambda: links.request_link_action(request=item, action=action, by=request.user), _("Follow-up action linked.")
    )
