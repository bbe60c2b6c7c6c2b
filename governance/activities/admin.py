from django.contrib import admin

from governance.accounts import permissions
from governance.accounts.choices import Role
from governance.accounts.scoping import ReadOnlyAdminMixin, ScopedAdminMixin

from .models import Activity, ActivityType, Organiser, Project, ServiceStation


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    """Types are shared by the whole district: every staff member reads them, district administrators edit them."""

    list_display = ["name", "name_en", "code", "category", "order"]

    def has_module_permission(self, request):
        return request.user.is_active and permissions.is_staff_member(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return permissions.holds_role(request.user, {Role.DISTRICT_ADMIN})

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request)


class NodeKeysAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The street and district keys follow the chosen community (or street), as the create services set them."""

    readonly_fields = ["district"]

    def save_model(self, request, obj, form, change):
        if obj.community_id:
            obj.street_id = obj.community.street_id
        obj.district_id = obj.street.district_id
        super().save_model(request, obj, form, change)


@admin.register(Organiser)
class OrganiserAdmin(NodeKeysAdmin):
    """The body links are set by `services.organiser_for` (which keeps name and keys in step), never by hand."""

    list_display = ["name", "kind", "code", "street", "community"]
    list_select_related = ["street", "community"]
    readonly_fields = ["district", "association", "committee", "enterprise"]
    search_fields = ["name", "code"]  # for the projects' organiser autocomplete


@admin.register(Project)
class ProjectAdmin(NodeKeysAdmin):
    list_display = ["name", "kind", "organiser", "starts_on", "ends_on"]
    list_select_related = ["organiser"]
    autocomplete_fields = ["organiser"]  # a district has thousands of organisers: search, never one <select> of all


@admin.register(ServiceStation)
class ServiceStationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "community"]
    list_select_related = ["community"]
    readonly_fields = ["street", "district"]

    def save_model(self, request, obj, form, change):
        obj.street_id, obj.district_id = obj.community.street_id, obj.community.district_id
        super().save_model(request, obj, form, change)


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Read-only here: activities are logged and changed on the work pages, where the seven-day rule applies."""

    list_display = ["__str__", "type", "community", "starts_at", "person_times"]
    list_select_related = ["type", "community"]
    list_filter = ["type"]
