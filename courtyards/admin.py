from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.accounts import permissions
from governance.accounts.admin_site import full_label
from governance.accounts.scoping import ReadOnlyAdminMixin, ScopedAdminMixin

from . import grids, services
from .forms import GridAdminForm, TreeImportForm
from .grid_importer import grid_import, grid_rows_read
from .importer import TreeImportError, tree_import, tree_rows_read
from .models import Building, Community, Courtyard, Covenant, District, Grid, HomeClaim, Household, Street, Unit


class NodeAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Creates through node_create and moves through node_move, so ancestor keys stay true."""

    search_fields = ["name", "code"]
    list_display = ["name", "code"]
    autocomplete_select_related: tuple[str, ...] = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """The chosen parent reads its whole name too (the search box's answers do: LabelledAutocompleteJsonView)."""
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None:
            field.label_from_instance = full_label
        return field

    def get_exclude(self, request, obj=None):
        parent = self.model.parent_field
        return [
            f.name
            for f in self.model._meta.concrete_fields
            if f.name in {"district", "street", "community", "courtyard", "grid"} and f.name != parent
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
        return import_page(self, request, run=_tree_import_run, title=_("Import the territory tree"), columns=TREE_COLUMNS)


TREE_COLUMNS = gettext_lazy(
    "Columns: district_code, district_name, street_code, street_name, community_code, community_name, community_kind, "
    "courtyard_code, courtyard_name, courtyard_kind, building_code, building_name, unit_code, unit_name (or 区编码, 区名称, "
    "街道编码 …). A place already in the portal is named by its code alone. If any row is wrong, nothing is imported."
)
GRID_COLUMNS = gettext_lazy(
    "One row per place a grid covers. Columns: grid_code, grid_name, community_code, courtyard_code, building_code (a "
    "building alone), worker (mobile number or user name), deputies (separated by 、 or ;); or 网格编码, 网格名称, 社区编码, "
    "院落编码, 楼栋编码, 网格员手机号/账号, 副网格员. Each grid in the file covers exactly its rows' places. If any row is "
    "wrong, nothing is imported."
)


def _tree_import_run(*, data: bytes, filename: str, user) -> str:
    summary = tree_import(rows=tree_rows_read(data=data, filename=filename), user=user)
    created = "，".join(f"{name} {count}" for name, count in summary.created.items()) or _("nothing new")
    return _("Imported %(rows)s rows: %(created)s.") % {"rows": summary.rows, "created": created}


def _grid_import_run(*, data: bytes, filename: str, user) -> str:
    summary = grid_import(rows=grid_rows_read(data=data, filename=filename), user=user)
    message = _("Imported %(rows)s rows: %(created)s grids created, %(changed)s changed, %(moved)s places moved.")
    return message % {"rows": summary.rows, "created": summary.created, "changed": summary.changed, "moved": summary.places_moved}


def import_page(model_admin, request, *, run, title: str, columns: str):
    """An import file's page: the whole file is checked, every problem shown with its row, nothing written if any."""
    if not permissions.holds_role(request.user, {"district_admin", "street_staff"}):
        raise PermissionDenied
    form = TreeImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            done = run(data=upload.read(), filename=upload.name, user=request.user)
        except TreeImportError as error:
            errors = error.errors
        else:
            messages.success(request, done)
            return redirect(reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_changelist"))
    context = {
        **model_admin.admin_site.each_context(request),
        "form": form,
        "errors": errors,
        "title": title,
        "columns": columns,
        "opts": model_admin.opts,
    }
    return render(request, "admin/courtyards/import.html", context)


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
    search_fields = ["name", "code", "community__name"]
    autocomplete_select_related = ("community",)


@admin.register(Building)
class BuildingAdmin(NodeAdmin):
    list_display = ["name", "code", "courtyard", "community", "latitude", "longitude"]
    list_select_related = ["courtyard", "community"]
    autocomplete_fields = ["courtyard"]
    search_fields = ["name", "code", "courtyard__name"]
    autocomplete_select_related = ("courtyard",)


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
    """Saves through the grid services, so coverage rewrites the rows' grid keys and people get the role."""

    form = GridAdminForm
    change_list_template = "admin/courtyards/grid/change_list.html"
    list_display = ["name", "code", "community", "worker"]
    list_select_related = ["community", "worker"]
    fields = ["name", "code", "community", "worker", "deputies", "cover_courtyards", "cover_buildings"]
    raw_id_fields = ["worker"]
    filter_horizontal = ["deputies"]

    def get_urls(self):
        return [path("import/", self.admin_site.admin_view(self.import_view), name="courtyards_grid_import"), *super().get_urls()]

    def import_view(self, request):
        return import_page(self, request, run=_grid_import_run, title=_("Import grids"), columns=GRID_COLUMNS)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.acting_user = request.user
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.street_id, obj.district_id = obj.community.street_id, obj.community.district_id
        obj.full_clean()
        obj.save()

    def save_related(self, request, form, formsets, change):
        data = form.cleaned_data
        grids.grid_coverage_set(grid=form.instance, courtyards=data["cover_courtyards"], buildings=data["cover_buildings"])
        if form.people_changed():
            grids.grid_people_set(grid=form.instance, worker=data["worker"], deputies=data["deputies"], by=request.user)


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
