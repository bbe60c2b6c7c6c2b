from django.urls import path

from . import views

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    path("auth/sign-out-everywhere/", views.SignOutEverywhereView.as_view(), name="auth-sign-out-everywhere"),
    path("me/", views.MeView.as_view(), name="me"),
]
