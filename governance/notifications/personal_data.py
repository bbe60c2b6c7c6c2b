"""A person's notifications and their channel choices, for their data download; erased with the account."""

from governance.core import versioned_cache

from .models import ChannelPreference, Notification
from .selectors import unread_subject


def export(user) -> list[dict]:
    return list(
        Notification.objects.filter(recipient=user).order_by("created_at").values("kind", "params", "link", "created_at", "read_at")
    )


def erase(user) -> None:
    Notification.objects.filter(recipient=user).delete()
    versioned_cache.forget([unread_subject(user.pk)])


def channels_export(user) -> list[dict]:
    return list(ChannelPreference.objects.filter(user=user).order_by("kind").values("kind", "email", "sms", "timing"))


def channels_erase(user) -> None:
    ChannelPreference.objects.filter(user=user).delete()
