from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import RoleAssignment, User
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
