from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("requests", views.RequestViewSet, basename="request")
router.register("extensions", views.ExtensionViewSet, basename="extension")
urlpatterns = router.urls
