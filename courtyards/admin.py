from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from governance.accounts import permissions
from governance.accounts.scoping import ReadOnlyAdminMixin, ScopedAdminMixin

from . import services
from .forms import TreeImportForm
from .importer import TreeImportError, tree_import, tree_rows_read
from .models import Building, Community, Courtyard, Covenant, District, Grid, HomeClaim, Household, Street, Unit


class NodeAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Creates through node_create and moves through node_move, so ancestor keys stay true."""

    search_fields = ["name", "code"]
    list_display = ["name", "code"]

    def get_exclude(self, request, obj=None):
        parent = self.model.parent_field
        return [
            f.name
            for f in self.model._meta.concrete_fields
            if f.name in {"district", "street", "community", "courtyard"} and f.name != parent
        ]

    def save_model(self, request, obj, form, change):
        parent_field = self.model.parent_field
        if not change:
            extra = {
                f: form.cleaned_data[f]
                for f in form.cleaned_data
                if f not in {"name", "code", parent_field} and f in {"kind", "address", "latitude", "longitude"}
            }
            created = services.node_create(
                level=self.model.level, name=obj.name, code=obj.code, parent=getattr(obj, parent_field) if parent_field else None, **extra
            )
            obj.pk = created.pk
        elif parent_field and parent_field in form.changed_data:
            services.node_move(node=obj, parent=getattr(obj, parent_field))
        else:
            obj.full_clean()
            obj.save()


@admin.register(District)
class DistrictAdmin(NodeAdmin):
    change_list_template = "admin/courtyards/district/change_list.html"

    def has_add_permission(self, request):
        return permissions.holds_role(request.user, {"district_admin"})

    def get_urls(self):
        return [path("import/", self.admin_site.admin_view(self.import_view), name="courtyards_district_import"), *super().get_urls()]

    def import_view(self, request):
        """Bulk import of the tree: the whole file is checked, and nothing is written if any row is wrong."""
        if not permissions.holds_role(request.user, {"district_admin", "street_staff"}):
            raise PermissionDenied
        form = TreeImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                summary = tree_import(rows=tree_rows_read(data=upload.read(), filename=upload.name), user=request.user)
            except TreeImportError as error:
                errors = error.errors
            else:
                created = "，".join(f"{name} {count}" for name, count in summary.created.items()) or _("nothing new")
                messages.success(request, _("Imported %(rows)s rows: %(created)s.") % {"rows": summary.rows, "created": created})
                return redirect(reverse("admin:courtyards_district_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "errors": errors,
            "title": _("Import the territory tree"),
            "opts": self.model._meta,
        }
        return render(request, "admin/courtyards/district/import.html", context)


@admin.register(Street)
class StreetAdmin(NodeAdmin):
    list_display = ["name", "code", "district"]
    list_select_related = ["district"]


@admin.register(Community)
class CommunityAdmin(NodeAdmin):
    list_display = ["name", "code", "kind", "street"]
    list_filter = ["kind", "street"]
    list_select_related = ["street"]


@admin.register(Courtyard)
class CourtyardAdmin(NodeAdmin):
    list_display = ["name", "code", "kind", "community", "latitude", "longitude"]
    list_filter = ["kind"]
    list_select_related = ["community"]


@admin.register(Building)
class BuildingAdmin(NodeAdmin):
    list_display = ["name", "code", "courtyard", "community", "latitude", "longitude"]
    list_select_related = ["courtyard", "community"]
    autocomplete_fields = ["courtyard"]


@admin.register(Unit)
class UnitAdmin(NodeAdmin):
    list_display = ["name", "code", "building", "courtyard", "community"]
    list_select_related = ["building", "courtyard", "community"]
    autocomplete_fields = ["building"]


@admin.register(Household)
class HouseholdAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "unit", "room"]
    list_select_related = ["unit__building", "unit__courtyard", "unit__community"]
    # Size and origin come from the household import (households_import); tags are not shown here at all.
    readonly_fields = ["unit", "room", "courtyard", "community", "street", "district", "size", "origin"]

    def has_add_permission(self, request):
        return False  # households come from verified claims


@admin.register(Grid)
class GridAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "community", "worker"]
    list_select_related = ["community", "worker"]
    exclude = ["street", "district"]
    raw_id_fields = ["worker"]
    filter_horizontal = ["courtyards", "buildings"]

    def save_model(self, request, obj, form, change):
        obj.street_id, obj.district_id = obj.community.street_id, obj.community.district_id
        super().save_model(request, obj, form, change)


@admin.register(HomeClaim)
class HomeClaimAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "unit", "room", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["user", "unit__building", "unit__courtyard", "unit__community", "decided_by"]
    readonly_fields = [f.name for f in HomeClaim._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # decided on the claim queue, through the service


@admin.register(Covenant)
class CovenantAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: versions are adopted on the staff pages (covenant_version_add), never edited in place."""

    list_display = ["title", "kind", "community", "courtyard"]
    list_filter = ["kind"]
    list_select_related = ["community", "courtyard"]
