from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.urls import reverse

from . import second_factor


def full_label(obj) -> str:
    """A place by its whole name (新鸿南路院落 2栋) where its model has one, else as it reads itself."""
    return getattr(obj, "full_name", None) or str(obj)


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """The admin's search boxes answer 新鸿南路院落 2栋, not one of many "2栋", joining the parents in the same query.

    A model admin names what the labels read in ``autocomplete_select_related``.
    """

    def get_queryset(self):
        related = getattr(self.model_admin, "autocomplete_select_related", ())
        queryset = super().get_queryset()
        return queryset.select_related(*related) if related else queryset

    def serialize_result(self, obj, to_field_name):
        return {"id": str(getattr(obj, to_field_name)), "text": full_label(obj)}


class PortalAdminSite(admin.AdminSite):
    """The admin opens to staff only after their second factor; until then it sends them to that step."""

    def has_permission(self, request):
        return super().has_permission(request) and not second_factor.pending(request)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and second_factor.pending(request):
            return second_factor.redirect_to_verify(request, request.GET.get("next") or reverse("admin:index"))
        return super().login(request, extra_context)

    def autocomplete_view(self, request):
        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)
