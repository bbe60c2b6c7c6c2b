from django.contrib import admin
from django.urls import reverse

from . import second_factor


class PortalAdminSite(admin.AdminSite):
    """The admin opens to staff only after their second factor; until then it sends them to that step."""

    def has_permission(self, request):
        return super().has_permission(request) and not second_factor.pending(request)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and second_factor.pending(request):
            return second_factor.redirect_to_verify(request, request.GET.get("next") or reverse("admin:index"))
        return super().login(request, extra_context)
