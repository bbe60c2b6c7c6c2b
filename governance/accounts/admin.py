from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.core.pagination import EstimatedCountPaginator

from . import permissions, services
from .choices import Role
from .models import RoleAssignment, SecurityEvent, User
from .scoping import ReadOnlyAdminMixin, ScopedAdminMixin

PERSON_FIELDS = ["display_name", "phone", "email", "home_unit", "household"]


@admin.register(User)
class UserAdmin(ScopedAdminMixin, DjangoUserAdmin):
    """People. Powers never come from here: is_staff follows from roles (role_grant / role_revoke),
    is_superuser is set only on the command line (createsuperuser), there are no groups or Django
    permissions, and only a superuser may set someone's password here. Staff may correct a person's
    name and e-mail; the phone (the key to a reset by SMS), username and verified home are read-only,
    since the phone would hand the account to whoever holds the new number."""

    list_display = ["username", "display_name", "phone", "home_unit", "is_staff"]
    list_filter = ["is_active", "is_staff"]
    search_fields = ["username", "display_name", "phone"]
    list_select_related = ["home_unit"]
    raw_id_fields = ["home_unit", "household"]
    actions = ["force_password_reset"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": PERSON_FIELDS}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "last_login", "date_joined"]}),
    ]
    staff_fieldsets = [
        (None, {"fields": ["username"]}),
        (_("Person"), {"fields": PERSON_FIELDS}),
        (_("Access"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["username", "display_name", "phone", "password1", "password2"]})]

    def get_queryset(self, request):
        return permissions.people_visible(request.user, super(ScopedAdminMixin, self).get_queryset(request))

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            return self.staff_fieldsets
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = ["is_staff", "is_superuser", "last_login", "date_joined"]
        if obj is not None and not request.user.is_superuser:
            readonly += ["username", "phone", "home_unit", "household"]
            if not permissions.holds_role(request.user, {Role.DISTRICT_ADMIN}):
                readonly.append("is_active")
        return readonly

    def has_add_permission(self, request):
        """New accounts come from registration by phone; only a superuser creates one with a password."""
        return request.user.is_superuser

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise Http404  # staff never set another person's password; residents reset theirs by SMS
        return super().user_change_password(request, id, form_url)

    def has_force_reset_permission(self, request):
        return permissions.holds_role(request.user, {Role.DISTRICT_ADMIN})

    @admin.action(description=_("Force a password reset (signs the person out everywhere)"), permissions=["force_reset"])
    def force_password_reset(self, request, queryset):
        done = 0
        for user in queryset:
            try:
                services.user_password_force_reset(user=user, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{user}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        if done:
            text = ngettext(
                "%(count)d person must now reset the password by SMS.", "%(count)d people must now reset their password by SMS.", done
            )
            self.message_user(request, text % {"count": done})


class RoleAssignmentForm(forms.ModelForm):
    """A new role. Who may give which role where is the permission module's (may_grant)."""

    granted_by: User | None = None

    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "level", "district", "street", "community", "courtyard"]

    def clean(self):
        data = super().clean()
        node = data.get(data.get("level") or "", None)
        if node is not None and data.get("role") and not permissions.may_grant(self.granted_by, data["role"], node):
            raise ValidationError(_("You may not give this role on this place."))
        return data


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Roles are given and taken away only through role_grant / role_revoke, which keep is_staff in
    step and refuse what the giver may not give. A role is never edited: take it away, give another."""

    list_display = ["user", "role", "level", "district", "street", "community", "courtyard", "granted_by", "granted_at"]
    list_filter = ["role", "level"]
    list_select_related = ["user", "district", "street", "community", "courtyard", "granted_by"]
    raw_id_fields = ["user"]
    form = RoleAssignmentForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"granted_by": request.user})

    def get_readonly_fields(self, request, obj=None):
        return ["user", "role", "level", "district", "street", "community", "courtyard", "granted_by", "granted_at"] if obj else []

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return ScopedAdminMixin.has_change_permission(self, request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return
        assignment = services.role_grant(user=obj.user, role=obj.role, node=obj.node, granted_by=request.user)
        obj.pk, obj.scope_district_id = assignment.pk, assignment.scope_district_id

    def delete_model(self, request, obj):
        services.role_revoke(assignment=obj, revoked_by=request.user)

    def delete_queryset(self, request, queryset):
        for assignment in queryset.select_related("user", "district", "street", "community", "courtyard"):
            services.role_revoke(assignment=assignment, revoked_by=request.user)


# The audit trail is for district administrators: who changed what, and when.
admin.site.unregister(LogEntry)
admin.site.unregister(Group)  # roles on the tree replace groups


@admin.register(LogEntry)
class AuditLogEntryAdmin(LogEntryAdmin):
    # A million rows: the planner's estimate or a capped count, never COUNT(*) of the table (twice).
    show_full_result_count = False
    paginator = EstimatedCountPaginator

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
class SecurityEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
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
