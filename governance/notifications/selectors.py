from django.db.models import QuerySet

from .choices import DeliveryStatus
from .models import Notification


def notification_inbox(*, user) -> QuerySet[Notification]:
    """What the person sees: delivered notifications, newest first."""
    return Notification.objects.filter(recipient=user, status=DeliveryStatus.DELIVERED).order_by("-created_at")


def notification_unread_count(*, user) -> int:
    return notification_inbox(user=user).filter(read_at__isnull=True).count()
