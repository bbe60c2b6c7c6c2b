from django.contrib import admin

from governance.accounts.scoping import ScopedAdminMixin

from .models import ReportJob, ReportSubscription


@admin.register(ReportJob)
class ReportJobAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "period_kind", "status", "progress", "requested_by", "created_at"]
    list_filter = ["status", "period_kind", "level"]
    list_select_related = ["district", "street", "community", "requested_by"]
    readonly_fields = ["key", "status", "progress", "error", "attempts", "xlsx", "pdf", "started_at", "heartbeat_at", "finished_at"]
    raw_id_fields = ["requested_by"]

    def has_add_permission(self, request):
        return False  # staff ask for reports on the dashboard, where the period is checked and the task dispatched


@admin.register(ReportSubscription)
class ReportSubscriptionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "street", "created_at"]
    list_select_related = ["user", "street"]
    raw_id_fields = ["user"]
