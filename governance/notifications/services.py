"""Writing and delivering notifications.

`notification_create` writes the row in the caller's transaction and publishes the
delivery task on commit. Delivery is idempotent: it locks the row and does nothing for
a row already delivered, so a redelivered task sends nothing twice. A failed send is
retried by the sweep with exponential backoff; after NOTIFICATION_MAX_ATTEMPTS it fails.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from governance.accounts.languages import language_of
from governance.core.dispatch import dispatch_on_commit, publish
from governance.core.sms import sms_send

from .choices import DeliveryStatus
from .models import Notification

logger = logging.getLogger("governance.notifications")

SWEEP_GRACE = timedelta(seconds=60)  # the on-commit publish normally delivers well within this


def notification_create(
    *, recipient, kind: str, key: str, params: dict | None = None, link: str = "", email=None, sms=False
) -> Notification:
    """Record a notification for `recipient`, once per `key`, and deliver it after commit."""
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            key=key,
            defaults={
                "recipient": recipient,
                "kind": kind,
                "params": params or {},
                "link": link,
                "send_email": bool(recipient.email) if email is None else email,
                "send_sms": bool(sms and recipient.phone),
                "next_attempt_at": timezone.now() + SWEEP_GRACE,
            },
        )
        if created:
            from .tasks import notification_deliver

            dispatch_on_commit(notification_deliver, notification.pk)
    return notification


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


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
