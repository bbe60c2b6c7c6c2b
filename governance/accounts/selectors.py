from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import RoleAssignment, User


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
