from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from . import selectors


class UsernameOrPhoneBackend(ModelBackend):
    """Residents sign in with their mobile number; staff and demo accounts with a username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        User = get_user_model()
        user = selectors.user_by_login(login=username)
        if user is None:
            User().set_password(password)  # same cost as a real check, so timing does not tell who exists
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
