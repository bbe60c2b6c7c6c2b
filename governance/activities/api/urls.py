from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("projects", views.ProjectViewSet, basename="project")
router.register("special-families", views.SpecialFamilyViewSet, basename="specialfamily")
urlpatterns = [*router.urls, path("activity-totals/", views.TotalsView.as_view(), name="activity-totals")]
