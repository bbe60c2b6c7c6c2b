from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import TokenProxy

from . import permissions
from .choices import Role
from .models import RoleAssignment, SecurityEvent, User
from .scoping import ScopedAdminMixin


@admin.register(User)
class UserAdmin(ScopedAdminMixin, DjangoUserAdmin):
    list_display = ["username", "display_name", "phone", "home_unit", "is_staff"]
    search_fields = ["username", "display_name", "phone"]
    list_select_related = ["home_unit"]
    raw_id_fields = ["home_unit", "household"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["display_name", "phone", "email", "home_unit", "household"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["username", "display_name", "phone", "password1", "password2"]})]

    def has_add_permission(self, request):
        return request.user.is_superuser or super().has_add_permission(request)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "role", "level", "district", "street", "community", "courtyard", "granted_at"]
    list_filter = ["role", "level"]
    list_select_related = ["user", "district", "street", "community", "courtyard"]
    raw_id_fields = ["user", "granted_by"]


# The audit trail is for district administrators: who changed what, and when.
admin.site.unregister(LogEntry)
admin.site.unregister(TokenProxy)  # tokens are each person's own, obtained through the API
admin.site.unregister(Group)  # roles on the tree replace groups


@admin.register(LogEntry)
class AuditLogEntryAdmin(LogEntryAdmin):
    def has_module_permission(self, request):
        return permissions.holds_role(request.user, {Role.DISTRICT_ADMIN})

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if self.has_module_permission(request) else queryset.none()

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj


admin.site.unregister(TOTPDevice)  # a person enrols their own app at /accounts/otp/setup/; the secret never shows here


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Read by district administrators only, and by nobody changed: everyone else gets a 404.

    Besides the filters, a date range is `?at__gte=2026-11-01&at__lt=2026-12-01` in the address.
    """

    list_display = ["at", "kind", "result", "actor", "object_type", "object_repr", "source_address"]
    list_filter = ["kind", "result", "object_type", ("actor", admin.RelatedOnlyFieldListFilter), ("at", admin.DateFieldListFilter)]
    date_hierarchy = "at"
    search_fields = ["actor__username", "object_repr", "object_id", "source_address"]
    list_select_related = ["actor"]
    show_full_result_count = False

    def _gate(self, request) -> None:
        if not permissions.holds_role(request.user, {Role.DISTRICT_ADMIN}):
            raise Http404

    def has_module_permission(self, request):
        return permissions.holds_role(request.user, {Role.DISTRICT_ADMIN})

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        self._gate(request)
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        self._gate(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._gate(request)
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._gate(request)
        return super().delete_view(request, object_id, extra_context)
