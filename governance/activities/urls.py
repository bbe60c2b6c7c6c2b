from django.urls import path

from . import views, views_casework

app_name = "activities"
urlpatterns = [
    path("activities/<uuid:code>/", views.public_detail, name="public_detail"),
    path("activities/<uuid:code>/signup/", views.signup, name="signup"),
    path("activities/<uuid:code>/cancel/", views.signup_cancel, name="signup_cancel"),
    path("activities/<uuid:code>/hours/", views.hours_report, name="hours_report"),
    path("me/volunteering/", views.my_volunteering, name="mine"),
    path("me/volunteering/certificate.pdf", views.certificate, name="certificate"),
    path("work/activities/", views.activity_list, name="list"),
    path("work/activities/log/", views.activity_log, name="log"),
    path("work/activities/<uuid:code>/", views.activity_detail, name="detail"),
    path("work/activities/<uuid:code>/edit/", views.activity_edit, name="edit"),
    path("work/activities/<uuid:code>/photos/", views.photo_upload, name="photo_upload"),
    path("work/activities/<uuid:code>/photos/<uuid:photo_code>/", views.photo, name="photo"),
    path("work/activities/<uuid:code>/hours/<int:hours_id>/", views.hours_decide, name="hours_decide"),
    path("work/volunteer-hours/", views.hours_queue, name="hours_queue"),
    path("work/families/", views_casework.family_list, name="family_list"),
    path("work/families/new/", views_casework.family_create, name="family_create"),
    path("work/families/<uuid:code>/grant/", views_casework.family_grant, name="family_grant"),
    path("work/families/<uuid:code>/", views_casework.family_detail, name="family_detail"),
    path("work/families/<uuid:code>/notes/", views_casework.family_note, name="family_note"),
    path("work/families/<uuid:code>/help/", views_casework.family_help, name="family_help"),
    path("work/projects/", views_casework.project_list, name="project_list"),
    path("work/projects/<slug:code>/", views_casework.project_detail, name="project_detail"),
]
