"""A person's notifications, for their data download; erased with the account."""

from governance.core import versioned_cache

from .models import Notification
from .selectors import unread_subject


def export(user) -> list[dict]:
    return list(
        Notification.objects.filter(recipient=user).order_by("created_at").values("kind", "params", "link", "created_at", "read_at")
    )


def erase(user) -> None:
    Notification.objects.filter(recipient=user).delete()
    versioned_cache.forget([unread_subject(user.pk)])
