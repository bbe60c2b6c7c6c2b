from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("committees", views.CommitteeViewSet)
router.register("committee-memberships", views.MembershipViewSet)
router.register("meetings", views.MeetingViewSet)
router.register("needs", views.NeedViewSet)
urlpatterns = [
    path("needs/<uuid:code>/support/", views.NeedSupportView.as_view(), name="need-support"),
    path("meetings/<uuid:code>/decisions/", views.MeetingDecisionView.as_view(), name="meeting-decisions"),
    *router.urls,
]
