from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("me/training/", views.mine, name="mine"),
    path("work/training/", views.course_list, name="course_list"),
    path("work/training/new/", views.course_create, name="course_create"),
    path("work/training/certificates/", views.certificate_list, name="certificate_list"),
    path("work/training/certificates/new/", views.certificate_record, name="certificate_record"),
    path("work/training/sessions/<uuid:code>/", views.session_detail, name="session_detail"),
    path("work/training/sessions/<uuid:code>/attendance/", views.attendance_record, name="attendance_record"),
    path("work/training/<uuid:code>/", views.course_detail, name="course_detail"),
    path("work/training/<uuid:code>/sessions/", views.session_create, name="session_create"),
]
