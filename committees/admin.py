"""Read-only admin views of bodies, scoped by the permission module. Bodies, members and meetings
are created and changed on the staff pages, through the services, so the admin never writes."""

from django.contrib import admin

from governance.accounts.scoping import ScopedAdminMixin

from .models import Committee, Meeting, Need


class ReadOnlyScopedAdmin(ScopedAdminMixin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # ending a term or deactivating a body keeps history; deleting would lose it


@admin.register(Committee)
class CommitteeAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "kind", "street", "community", "courtyard", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    list_select_related = ["street", "community", "courtyard"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "committee", "starts_at", "status"]
    list_filter = ["status"]
    list_select_related = ["committee"]


@admin.register(Need)
class NeedAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "community", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["community"]
