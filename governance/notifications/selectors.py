from django.db.models import QuerySet

from governance.core import versioned_cache

from .choices import DeliveryStatus
from .models import Notification


def notification_inbox(*, user) -> QuerySet[Notification]:
    """What the person sees: delivered notifications, newest first."""
    return Notification.objects.filter(recipient=user, status=DeliveryStatus.DELIVERED).order_by("-created_at")


UNREAD_SECONDS = 300


def unread_subject(user_id: int) -> str:
    """The cache subject of a person's unread count: the services forget it whenever it changes."""
    return f"unread:{user_id}"


def notification_unread_count(*, user) -> int:
    """The badge on every signed-in page, kept in the cache: a count per page view was a query per page view."""
    count = notification_inbox(user=user).filter(read_at__isnull=True).count
    return versioned_cache.versioned(subject=unread_subject(user.pk), parts=[], build=count, seconds=UNREAD_SECONDS)
