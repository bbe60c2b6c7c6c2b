from django.urls import path, register_converter

from . import grid_views, views


class LevelConverter:
    regex = "district|street|community"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class PublicLevelConverter(LevelConverter):
    regex = "street|community"


register_converter(LevelConverter, "level")
register_converter(PublicLevelConverter, "publiclevel")

app_name = "reports"
urlpatterns = [
    path("manage/reports/", views.index, name="index"),
    path("manage/reports/<level:level>/<slug:code>/", views.dashboard, name="dashboard"),
    path("manage/reports/<level:level>/<slug:code>/map/", views.courtyard_map, name="map"),
    path("manage/reports/<level:level>/<slug:code>/jobs/", views.job_create, name="job_create"),
    path("manage/reports/streets/<slug:code>/subscription/", views.subscription_toggle, name="subscription"),
    path("manage/reports/grids/<slug:code>/", grid_views.grid_dashboard, name="grid_dashboard"),
    path("manage/reports/grids/<slug:code>/<slug:courtyard>/", grid_views.grid_dashboard_courtyard, name="grid_dashboard_courtyard"),
    path("manage/reports/jobs/<int:pk>/", views.job_detail, name="job"),
    path("manage/reports/jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("manage/reports/jobs/<int:pk>/retry/", views.job_retry, name="job_retry"),
    path("manage/reports/jobs/<int:pk>/files/<str:kind>/", views.job_file, name="job_file"),
    path("manage/requests/export.<str:fmt>", views.request_export, name="request_export"),
    path("open-data/<publiclevel:level>/<slug:code>/", views.open_data, name="open_data"),
    path("open-data/<publiclevel:level>/<slug:code>/<slug:dataset>.csv", views.open_data_file, name="open_data_file"),
]
