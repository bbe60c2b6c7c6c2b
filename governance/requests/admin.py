from django.contrib import admin, messages
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.accounts import permissions
from governance.accounts.choices import Role
from governance.accounts.scoping import ReadOnlyAdminMixin, ScopedAdminMixin
from governance.core.pagination import EstimatedCountPaginator

from .models import (
    ApiKey,
    Category,
    CategoryAttribute,
    Department,
    DepartmentHandler,
    Request,
    ResponseTemplate,
    RoutingRule,
    TimelineEvent,
)
from .public import services as public_services


class DistrictConfigAdmin(admin.ModelAdmin):
    """Settings of the whole district: every staff member may read them, district administrators change them."""

    def _is_district_admin(self, request) -> bool:
        return permissions.holds_role(request.user, {Role.DISTRICT_ADMIN})

    def has_module_permission(self, request):
        return request.user.is_active and permissions.is_staff_member(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self._is_district_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_district_admin(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_district_admin(request)


class CategoryAttributeInline(admin.TabularInline):
    """The Open311 service attributes a category asks for; changed by district administrators, like the category."""

    model = CategoryAttribute
    extra = 0
    fields = ["order", "code", "datatype", "required", "description_zh", "description_en", "values"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and permissions.is_staff_member(request.user)

    def has_add_permission(self, request, obj=None):
        return permissions.holds_role(request.user, {Role.DISTRICT_ADMIN})

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request)


@admin.register(Category)
class CategoryAdmin(DistrictConfigAdmin):
    inlines = [CategoryAttributeInline]
    list_display = [
        "name_zh",
        "name_en",
        "code",
        "owner_body",
        "committee_type",
        "department_kind",
        "accept_hours",
        "resolve_hours",
        "active",
    ]
    list_filter = ["owner_body", "active"]
    search_fields = ["name_zh", "name_en", "code"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(DistrictConfigAdmin):
    list_display = ["category", "street", "community", "owner_body", "committee_type", "department_kind"]
    list_filter = ["owner_body"]
    list_select_related = ["category", "street", "community"]


class DepartmentHandlerInline(admin.TabularInline):
    model = DepartmentHandler
    extra = 1
    raw_id_fields = ["user"]


@admin.register(Department)
class DepartmentAdmin(DistrictConfigAdmin):
    """The street and district departments that own requests, and their handlers: the district's settings."""

    list_display = ["name", "kind", "district", "street", "active"]
    list_filter = ["kind", "active"]
    list_select_related = ["district", "street"]
    search_fields = ["name"]
    inlines = [DepartmentHandlerInline]


@admin.register(ResponseTemplate)
class ResponseTemplateAdmin(DistrictConfigAdmin):
    list_display = ["title", "title_en", "category", "street"]
    list_select_related = ["category", "street"]


@admin.register(ApiKey)
class ApiKeyAdmin(DistrictConfigAdmin):
    """Keys for Open311 clients. A new key is shown once, in a message; only its hash is kept."""

    list_display = ["name", "prefix", "submitter", "active", "created_at", "last_used_at"]
    list_select_related = ["submitter"]
    fields = ["name", "submitter", "active"]
    raw_id_fields = ["submitter"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if self._is_district_admin(request) else queryset.none()  # keys are for district admins only

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def save_model(self, request, obj, form, change):
        if change:
            obj.full_clean()
            obj.save()
            return
        issued, key = public_services.api_key_issue(name=obj.name, submitter=obj.submitter)
        if not obj.active:
            ApiKey.objects.filter(pk=issued.pk).update(active=False)
        obj.pk, obj.key_hash, obj.prefix = issued.pk, issued.key_hash, issued.prefix
        messages.warning(request, _("The new key is %(key)s. Copy it now: it will not be shown again.") % {"key": key})


class TimelineInline(admin.TabularInline):
    model = TimelineEvent
    fields = ["created_at", "kind", "from_status", "to_status", "actor", "shown_text", "public"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description=gettext_lazy("note"))
    def shown_text(self, event: TimelineEvent) -> str:
        return event.text  # the portal's words in the reader's language, then the person's

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Request)
class RequestAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: requests change only through the workflow, on the staff pages."""

    # A million rows: the planner's estimate or a capped count, never COUNT(*) of the table (twice).
    show_full_result_count = False
    paginator = EstimatedCountPaginator

    list_display = ["number", "title", "status", "category", "community", "owner_label", "supervised", "created_at"]
    list_filter = ["status", "category", "supervised"]
    list_select_related = ["category", "community"]
    search_fields = ["number", "title"]
    inlines = [TimelineInline]
    actions = None

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]
