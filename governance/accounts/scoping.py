"""The permission module wired into Django's admin, DRF and views, so none of them decides alone."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from rest_framework import permissions as drf_permissions

from . import permissions, second_factor
from .permissions import Action


class ScopedAdminMixin:
    """Admin lists show only rows in the user's scope; anything else is a 404."""

    def get_queryset(self, request):
        return permissions.visible(request.user, super().get_queryset(request), Action.VIEW)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def has_module_permission(self, request):
        return request.user.is_active and permissions.is_staff_member(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return permissions.can(request.user, Action.VIEW, obj)

    def has_add_permission(self, request):
        return permissions.holds_role(request.user, permissions.roles_allowed(self.model, Action.MANAGE))

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return self.has_add_permission(request)
        return permissions.can(request.user, Action.MANAGE, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Offer as parents only the nodes this user manages."""
        related = db_field.related_model
        if hasattr(related, "tree_paths") and related._meta.app_label == "courtyards":
            kwargs["queryset"] = permissions.visible(request.user, related._default_manager.all(), Action.MANAGE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnlyAdminMixin:
    """Rows the admin shows but never writes: they change only through their services and pages."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScopedQuerysetMixin:
    """DRF views: the queryset is what the caller may see; a row outside it is a 404."""

    scope_action = Action.VIEW

    def get_queryset(self):
        return permissions.visible(self.request.user, super().get_queryset(), self.scope_action)


class CanManage(drf_permissions.BasePermission):
    """Reading needs only scope (the queryset); writing needs MANAGE on the row."""

    def has_object_permission(self, request, view, obj):
        if request.method in drf_permissions.SAFE_METHODS:
            return True
        return permissions.can(request.user, Action.MANAGE, obj)


def _gate(view, admits):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not admits(request.user):
            raise Http404
        if second_factor.pending(request):
            return second_factor.redirect_to_verify(request)
        return view(request, *args, **kwargs)

    # The links to this page ask the same gates (governance.core.links.may_open): one decorated over another keeps both.
    wrapper.opens_for = (admits, *getattr(view, "opens_for", ()))
    return wrapper


def staff_required(view):
    """Staff pages: sign in first (with the second factor where required); a person without a staff or field role gets 404."""
    return _gate(view, permissions.is_staff_member)


def work_required(view):
    """Pages where the owners of requests work: staff and field roles, and the people of an owning body
    (a committee's chair, a department's handlers); everyone else gets 404. Each page is still scoped."""
    return _gate(view, permissions.may_open_work_pages)


def gate_required(admits):
    """A page with a gate of its own beyond the role, `admits(user)`, which the links to it ask too: a person it
    refuses gets 404 and is shown no link there (for example: logging a patrol needs a grid to log it in)."""
    return lambda view: _gate(view, admits)
