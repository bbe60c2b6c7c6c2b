from django.urls import path

from . import views

app_name = "public_requests"
urlpatterns = [
    path("communities/<slug:code>/requests/", views.feed, name="feed"),
    path("communities/<slug:code>/requests/stats/", views.stats, name="stats"),
    path("communities/<slug:code>/requests/follow/", views.follow, name="follow"),
    path("communities/<slug:code>/requests/unfollow/", views.unfollow, name="unfollow"),
    path("public/requests/similar/", views.similar, name="similar"),
    path("public/requests/near/", views.near_feed, name="near_feed"),
    path("public/requests/<slug:number>/support/", views.support, name="support"),
]
