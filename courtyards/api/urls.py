from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("districts", views.DistrictViewSet)
router.register("streets", views.StreetViewSet)
router.register("communities", views.CommunityViewSet)
router.register("courtyards", views.CourtyardViewSet)
router.register("buildings", views.BuildingViewSet)
router.register("units", views.UnitViewSet)
router.register("home-claims", views.HomeClaimViewSet)
router.register("covenants", views.CovenantViewSet)
urlpatterns = router.urls
