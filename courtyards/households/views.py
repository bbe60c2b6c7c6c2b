"""The staff pages of households: a community's list (tags only for the roles that serve them) and the import."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from governance.accounts import permissions
from governance.accounts.choices import SecurityEventKind
from governance.accounts.permissions import Action
from governance.accounts.scoping import staff_required
from governance.accounts.services import security_event_record

from ..forms import TreeImportForm
from ..importer import TreeImportError, table_rows_read
from ..models import Community
from . import selectors
from .filtersets import HouseholdFilterSet
from .importer import household_header, households_import

PAGE_SIZE = 50


@staff_required
def household_list(request, code: str):
    community = permissions.get_or_404(request.user, Community.objects.select_related("street"), Action.VIEW, code=code)
    households = selectors.household_list(user=request.user).filter(community=community)
    filterset = HouseholdFilterSet(request.GET, queryset=households, community=community, user=request.user)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    show_tags = selectors.may_see_household_tags(request.user)
    if show_tags and page.object_list:
        # Who saw which households' tags, as for special families' case files.
        security_event_record(
            kind=SecurityEventKind.HOUSEHOLD_TAGS_VIEWED, actor=request.user, obj=community, request=request, detail=request.GET.urlencode()
        )
    context = {
        "community": community,
        "filter": filterset,
        "page": page,
        "show_tags": show_tags,
        "origins": selectors.resettled_households_by_origin(node=community),
    }
    return render(request, "courtyards/household_list.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def household_import(request):
    """Bulk import of households: the whole file is checked, and nothing is written if any row is wrong."""
    form = TreeImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = table_rows_read(data=upload.read(), filename=upload.name, required=("room",), normalise=household_header)
            count = households_import(rows=rows, user=request.user)
        except TreeImportError as error:
            errors = error.errors
        else:
            messages.success(request, _("Imported %(count)s households.") % {"count": count})
            return redirect("courtyards:household_import")
    return render(request, "courtyards/household_import.html", {"form": form, "errors": errors})
