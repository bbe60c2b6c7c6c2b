"""Every API route under /api/v1/, one include per app."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from governance.notifications.api.views import NotificationViewSet

notifications = SimpleRouter()
notifications.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [
    path("", include("governance.accounts.api.urls")),
    path("", include("courtyards.api.urls")),
    path("", include("committees.api.urls")),
    path("", include("associations.api.urls")),
    path("", include(notifications.urls)),
    path("", include("governance.requests.api.urls")),
    path("", include("governance.requests.public.api")),
    path("", include("governance.reports.api.urls")),
    path("", include("governance.activities.api.urls")),
]
