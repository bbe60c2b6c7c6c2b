from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import ApiToken, RoleAssignment, User


def role_assignment_list(*, user: User) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(user=user).select_related("district", "street", "community", "courtyard")


def user_by_username(*, username: str) -> User | None:
    return User.objects.filter(username=username).first()


def user_by_login(*, login: str) -> User | None:
    """The account a login string names: a mobile number first, then a username."""
    return User.objects.filter(phone=login).first() or User.objects.filter(username=login).first()


def totp_device_confirmed(*, user: User) -> TOTPDevice | None:
    """The person's enrolled authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def api_token_user(*, key: str) -> User | None:
    """The owner of a live token: not expired, owner active, and issued since their last password
    change or "sign out everywhere" (the token carries the session hash it was issued under)."""
    token = ApiToken.objects.filter(key_hash=ApiToken.hash(key), expires_at__gt=timezone.now()).select_related("user").first()
    if token is None or not token.user.is_active:
        return None
    if not constant_time_compare(token.session_hash, token.user.get_session_auth_hash()):
        return None
    return token.user
