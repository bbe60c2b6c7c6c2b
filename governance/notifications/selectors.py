from django.db.models import Min, QuerySet
from django.utils import timezone

from governance.core import versioned_cache

from . import channels
from .choices import DeliveryStatus, Timing
from .models import ChannelPreference, Notification


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


def channel_preference(*, user, kind: str) -> ChannelPreference | None:
    """The person's recorded choice for `kind` (a digest kind follows the kind it summarises), if any."""
    return ChannelPreference.objects.filter(user=user, kind=channels.choice_kind(kind)).first()


def channel_preferences_of(*, user) -> dict[str, ChannelPreference]:
    return {preference.kind: preference for preference in ChannelPreference.objects.filter(user=user)}


def timings_chosen(*, user_ids, kind: str) -> dict[int, str]:
    """Each person's timing for `kind`: what they chose, else the offer's default (at once where it offers none)."""
    offer = channels.OFFERS.get(kind)
    default = offer.timing if offer is not None and offer.timing else Timing.AT_ONCE
    chosen = dict(ChannelPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list("user_id", "timing"))
    return {user_id: chosen.get(user_id, default) for user_id in user_ids}


def oldest_pending_age_seconds() -> float:
    """How long the oldest notification not yet delivered has waited: the figure that says delivery is stuck."""
    oldest = Notification.objects.filter(status=DeliveryStatus.PENDING).aggregate(oldest=Min("created_at"))["oldest"]
    return (timezone.now() - oldest).total_seconds() if oldest else 0.0
