"""Read-only admin views of associations and the alliance, scoped by the permission module;
writes happen on the staff pages through the services."""

from django.contrib import admin

from committees.admin import ReadOnlyScopedAdmin

from .models import Association, Enterprise


@admin.register(Association)
class AssociationAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "kind", "anchor", "community", "is_active"]
    list_filter = ["kind", "anchor", "is_active"]
    search_fields = ["name", "code"]
    list_select_related = ["community"]


@admin.register(Enterprise)
class EnterpriseAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "kind", "alliance_member", "street"]
    list_filter = ["kind", "alliance_member"]
    list_select_related = ["street"]
