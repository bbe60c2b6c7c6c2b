"""我的网格 and the events found in the field (their own namespace beside the patrol and visit pages)."""

from django.urls import path

from . import views_events, views_mygrid

app_name = "mygrid"

urlpatterns = [
    path("work/grid/", views_mygrid.my_grid, name="home"),
    path("work/grid/events/new/", views_events.event_new, name="event_new"),
]
