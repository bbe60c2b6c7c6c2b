"""Writing and delivering notifications.

`notification_create` writes the row in the caller's transaction and publishes the
delivery task on commit. Delivery is idempotent: it locks the row and does nothing for
a row already delivered, so a redelivered task sends nothing twice. A failed send is
retried by the sweep with exponential backoff; after NOTIFICATION_MAX_ATTEMPTS it fails.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from governance.accounts import permissions
from governance.accounts.languages import language_of
from governance.core import versioned_cache
from governance.core.dispatch import dispatch_on_commit, publish
from governance.core.sms import sms_send

from . import channels, selectors
from .choices import DeliveryStatus, Timing
from .models import ChannelPreference, Notification
from .selectors import unread_subject

logger = logging.getLogger("governance.notifications")

SWEEP_GRACE = timedelta(seconds=60)  # the on-commit publish normally delivers well within this


def notification_create(
    *, recipient, kind: str, key: str, params: dict | None = None, link: str = "", email=None, sms=False
) -> Notification:
    """Record a notification for `recipient`, once per `key`, and deliver it after commit.

    `email` and `sms` are the sender's defaults; the recipient's own choice for the kind, once recorded, wins.
    """
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            key=key,
            defaults={
                "recipient": recipient,
                "kind": kind,
                "params": params or {},
                "link": link,
                **_channels(recipient=recipient, kind=kind, email=email, sms=sms),
                "next_attempt_at": timezone.now() + SWEEP_GRACE,
            },
        )
        if created:
            from .tasks import notification_deliver

            dispatch_on_commit(notification_deliver, notification.pk)
    return notification


def _channels(*, recipient, kind: str, email, sms: bool) -> dict[str, bool]:
    """E-mail and SMS besides the portal: the person's choice for the kind, else the sender's; each needs its address."""
    chosen = selectors.channel_preference(user=recipient, kind=kind)
    if chosen is not None:
        email, sms = chosen.email, chosen.sms
    return {"send_email": bool(recipient.email) and email is not False, "send_sms": bool(sms and recipient.phone)}


def notification_deliver(*, notification_id: int) -> None:
    with transaction.atomic():
        notification = Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        if notification is None or notification.status != DeliveryStatus.PENDING:
            return
        try:
            _send_external(notification)
        except Exception as error:  # a backend failed: keep what was sent, try again later
            logger.warning("delivery of notification %s failed: %s", notification_id, error)
            _schedule_retry(notification, error)
            return
        notification.status = DeliveryStatus.DELIVERED
        notification.delivered_at = timezone.now()
        notification.save()
        versioned_cache.forget([unread_subject(notification.recipient_id)])


def _send_external(notification: Notification) -> None:
    recipient = notification.recipient
    with translation.override(language_of(recipient)):  # written to them in their language
        title, body = notification.title, notification.body
    if notification.send_email and notification.email_sent_at is None and recipient.email:
        send_mail(title, body, None, [recipient.email])
        notification.email_sent_at = timezone.now()
    if notification.send_sms and notification.sms_sent_at is None and recipient.phone:
        sms_send(phone=recipient.phone, text=f"{title} {body}".strip(), key=notification.key)
        notification.sms_sent_at = timezone.now()


def _schedule_retry(notification: Notification, error: Exception) -> None:
    notification.attempts += 1
    notification.last_error = str(error)[:2000]
    if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        notification.status = DeliveryStatus.FAILED
    notification.next_attempt_at = timezone.now() + timedelta(minutes=2**notification.attempts)
    notification.save()


def notifications_sweep(*, now=None) -> int:
    """Publish again every pending notification whose delivery is overdue. Returns how many."""
    from .tasks import notification_deliver

    now = now or timezone.now()
    due = Notification.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now).values_list("pk", flat=True)[:1000]
    count = 0
    for notification_id in due:
        count += publish(notification_deliver, notification_id)
    return count


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        versioned_cache.forget([unread_subject(notification.recipient_id)])


def notifications_mark_all_read(*, user) -> int:
    versioned_cache.forget([unread_subject(user.pk)])
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def channel_preferences_set(*, user, choices: dict[str, dict]) -> int:
    """Record the person's channels for each kind in `choices` (kind -> email, sms and, where offered, timing).

    Only kinds offered to the person may be chosen (staff kinds to people who open the work pages). Returns how many.
    """
    offered = {offer.kind: offer for offer in channels.offers_for(staff=permissions.may_open_work_pages(user))}
    rows = [_preference(user=user, offer=offered.get(kind), kind=kind, choice=choice) for kind, choice in choices.items()]
    with transaction.atomic():
        ChannelPreference.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["user", "kind"], update_fields=["email", "sms", "timing", "updated_at"]
        )
    return len(rows)


def _preference(*, user, offer, kind: str, choice: dict) -> ChannelPreference:
    if offer is None:
        raise ValidationError(_("There is no such kind of notification to choose for: %(kind)s") % {"kind": kind})
    timing = (choice.get("timing") or offer.timing) if offer.timing else Timing.AT_ONCE  # no digest offered: at once
    row = ChannelPreference(user=user, kind=kind, email=bool(choice.get("email")), sms=bool(choice.get("sms")), timing=timing)
    row.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)  # the person is the signed-in one
    return row
