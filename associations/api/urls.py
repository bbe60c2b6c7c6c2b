from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("associations", views.AssociationViewSet)
router.register("association-memberships", views.AssociationMembershipViewSet)
router.register("enterprises", views.EnterpriseViewSet)
urlpatterns = router.urls
