from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import DashboardView, ReportJobViewSet

router = SimpleRouter()
router.register("reports/jobs", ReportJobViewSet, basename="report-job")
urlpatterns = [
    path("reports/dashboards/<str:level>/<slug:code>/", DashboardView.as_view(), name="report-dashboard"),
    *router.urls,
]
