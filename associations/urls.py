from django.urls import path

from . import views

app_name = "associations"
urlpatterns = [
    path("associations/<slug:code>/", views.association_detail, name="detail"),
    path("associations/<slug:code>/apply/", views.apply, name="apply"),
    path("associations/<slug:code>/leave/", views.leave, name="leave"),
    path("me/bodies/", views.mine, name="mine"),
    path("manage/associations/new/", views.association_create, name="create"),
    path("manage/enterprises/new/", views.enterprise_create, name="enterprise_create"),
    path("manage/enterprises/<slug:code>/pledges/new/", views.pledge_create, name="pledge_create"),
    path("manage/associations/", views.manage_list, name="manage_list"),
    path("manage/associations/<slug:code>/", views.association_manage, name="manage"),
    path("manage/associations/<slug:code>/leader/", views.leader_appoint, name="leader"),
    path("manage/associations/<slug:code>/review/", views.review_record, name="review"),
    path("manage/association-memberships/<int:pk>/approve/", views.membership_approve, name="approve"),
    path("manage/association-memberships/<int:pk>/decline/", views.membership_decline, name="decline"),
    path("manage/enterprises/", views.enterprise_list, name="enterprise_list"),
    path("manage/pledges/<int:pk>/match/", views.pledge_match, name="pledge_match"),
    path("manage/pledges/<int:pk>/fulfilments/", views.pledge_fulfilment_record, name="pledge_fulfil"),
]
