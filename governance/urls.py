from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView

from courtyards import views as courtyard_views
from governance.core.views import ApiDocsView, healthz

from .api_urls import urlpatterns as api_v1

admin.site.site_header = _("Chenghua community governance")
admin.site.site_title = _("Chenghua community governance")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", courtyard_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("governance.accounts.urls")),
    path("notifications/", include("governance.notifications.urls")),
    path("", include("courtyards.urls")),
    path("", include("governance.requests.urls")),
    path("", include("governance.requests.public_urls")),
    path("open311/v2/", include("governance.requests.open311.urls")),
    path("", include("governance.reports.urls")),
    path("", include("committees.urls")),
    path("", include("associations.urls")),
    path("", include("governance.activities.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", ApiDocsView.as_view(url_name="schema"), name="api-docs"),
]
