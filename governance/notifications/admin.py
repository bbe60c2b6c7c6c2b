from django.contrib import admin

from governance.accounts.scoping import ScopedAdminMixin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["recipient", "kind", "status", "attempts", "created_at", "delivered_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
