from django.urls import path

from . import patrols, visits

app_name = "fieldwork"
urlpatterns = [
    path("work/grid/patrols/", patrols.patrol_list, name="patrol_list"),
    path("work/grid/patrols/log/", patrols.patrol_log, name="patrol_log"),
    path("work/grid/patrols/<uuid:code>/", patrols.patrol_detail, name="patrol_detail"),
    path("work/grid/patrols/<uuid:code>/photos/<uuid:photo_code>/", patrols.patrol_photo, name="patrol_photo"),
    path("work/grid/visits/", visits.visit_list, name="visit_list"),
    path("work/grid/visits/log/", visits.visit_log, name="visit_log"),
    path("work/grid/visits/<uuid:code>/", visits.visit_detail, name="visit_detail"),
]
