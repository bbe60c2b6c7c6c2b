from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("associations", views.AssociationViewSet)
router.register("association-memberships", views.AssociationMembershipViewSet)
router.register("enterprises", views.EnterpriseViewSet)
urlpatterns = [path("associations/<slug:code>/apply/", views.ApplyView.as_view(), name="association-apply"), *router.urls]
