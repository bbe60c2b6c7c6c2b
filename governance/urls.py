from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from drf_spectacular.views import SpectacularAPIView

from courtyards import views as courtyard_views
from governance.accounts import views as account_views
from governance.core import api_errors, outage
from governance.core.views import ApiDocsView, healthz, metrics, ping
from governance.requests.open311 import views as open311_views

from .api_urls import urlpatterns as api_v1

admin.site.site_header = _("Chenghua community governance")
admin.site.site_title = _("Chenghua community governance")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", courtyard_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("healthz/ping", ping, name="healthz_ping"),
    path("metrics", metrics, name="metrics"),
    path("i18n/setlang/", account_views.language_set, name="set_language"),  # Django's, keeping a signed-in choice
    path("accounts/", include("governance.accounts.urls")),
    path("notifications/", include("governance.notifications.urls")),
    path("", include("courtyards.urls")),
    path("", include("governance.requests.urls")),
    path("", include("governance.requests.public.urls")),
    path("", include("governance.requests.hotline.urls")),
    path("open311/v2/", include("governance.requests.open311.urls")),
    path("", include("governance.reports.urls")),
    path("", include("committees.urls")),
    path("", include("associations.urls")),
    path("", include("governance.activities.urls")),
    path("", include("governance.training.urls")),
    path("", include("governance.fieldwork.urls")),
    path("", include("governance.fieldwork.urls_mygrid")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", ApiDocsView.as_view(url_name="schema"), name="api-docs"),
]


# What Django answers before any view runs: the API and Open311 in their own error bodies, pages as HTML.
def _error_handler(api_answer, open311_answer, page):
    def handler(request, *args, **kwargs):
        if api_errors.is_api(request):
            return api_answer()
        if request.path.startswith("/open311/"):
            return open311_answer(request)
        return page(request, *args, **kwargs)

    return handler


handler400 = _error_handler(api_errors.api_bad_request, open311_views.bad_request, defaults.bad_request)
handler404 = _error_handler(api_errors.api_not_found, open311_views.not_found, defaults.page_not_found)
_server_error = _error_handler(api_errors.api_server_error, open311_views.server_error, defaults.server_error)
_unavailable = _error_handler(api_errors.api_unavailable, open311_views.unavailable, lambda request: outage.outage_page())


def handler500(request, *args, **kwargs):
    """A part that is down (database, cache, broker) is a 503 the client may retry; anything else a 500."""
    if outage.outage_part():
        return outage.retry_later(_unavailable(request))
    return _server_error(request, *args, **kwargs)
