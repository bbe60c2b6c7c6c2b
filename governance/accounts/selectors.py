from django.db.models import QuerySet

from .models import RoleAssignment, User


def role_assignment_list(*, user: User) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(user=user).select_related("district", "street", "community", "courtyard")


def user_by_username(*, username: str) -> User | None:
    return User.objects.filter(username=username).first()
