from django.urls import path

from . import views

app_name = "hotline"
urlpatterns = [
    path("manage/hotline/", views.hotline_list, name="list"),
    path("manage/hotline/new/", views.hotline_new, name="new"),
    path("track/", views.track_start, name="track"),
    path("track/code/", views.track_code, name="track_code"),
    path("track/<str:number>/", views.tracked, name="tracked"),
]
