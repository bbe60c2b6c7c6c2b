from django.contrib.auth.views import LogoutView
from django.urls import path

from . import views, views_second_factor

app_name = "accounts"
urlpatterns = [
    path("login/", views.PortalLoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("register/", views.register, name="register"),
    path("register/verify/", views.register_verify, name="register_verify"),
    path("me/", views.profile, name="profile"),
    path("me/email/", views.email_change, name="email"),
    path("otp/", views_second_factor.otp_verify, name="otp_verify"),
    path("otp/setup/", views_second_factor.otp_setup, name="otp_setup"),
    path("me/data/", views.data_export, name="data_export"),
    path("me/close/", views.close_account, name="close"),
    path("password/", views.PortalPasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/verify/", views.password_reset_verify, name="password_reset_verify"),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
]
