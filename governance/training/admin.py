from django.contrib import admin

from governance.accounts.scoping import ReadOnlyAdminMixin, ScopedAdminMixin

from .models import Certificate, Course


@admin.register(Course)
class CourseAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Read-only here: courses, sessions and attendance are written on the training pages, through the services."""

    list_display = ["title", "kind", "provider", "hours", "street", "district"]
    list_select_related = ["street", "district"]
    list_filter = ["kind"]
    search_fields = ["title", "provider"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Read-only here: a certificate is recorded on the training pages, where its number is checked."""

    list_display = ["number", "kind", "person", "issued_on", "issuer", "street"]
    list_select_related = ["person", "street"]
    list_filter = ["kind"]
