"""Notifications reach people exactly once, through a real worker and a real broker."""

import time

import pytest

from governance.notifications import services
from governance.notifications.choices import DeliveryStatus
from governance.notifications.models import Notification


def wait_for(predicate, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_process_delivers_a_notification_through_redis(demo_tx, celery_worker_process, sms_outbox):
    notification = services.notification_create(
        recipient=demo_tx.resident,
        kind="portal.message",
        key="worker-test-1",
        params={"title": "停水通知", "body": "明天上午停水"},
        sms=True,
    )
    assert wait_for(lambda: Notification.objects.get(pk=notification.pk).status == DeliveryStatus.DELIVERED)
    delivered = Notification.objects.get(pk=notification.pk)
    assert delivered.sms_sent_at is not None
    assert "worker" not in (delivered.last_error or "")


@pytest.mark.django_db
def test_delivering_twice_sends_once(demo, sms_outbox):
    notification = services.notification_create(
        recipient=demo.resident, kind="portal.message", key="twice", params={"title": "t", "body": "b"}, sms=True
    )
    services.notification_deliver(notification_id=notification.pk)
    services.notification_deliver(notification_id=notification.pk)
    assert [m["key"] for m in sms_outbox] == ["twice"]


@pytest.mark.django_db
def test_one_cause_makes_one_notification(demo):
    for _ in range(3):
        services.notification_create(recipient=demo.resident, kind="portal.message", key="same-cause", params={"title": "t", "body": "b"})
    assert Notification.objects.filter(key="same-cause").count() == 1


@pytest.mark.django_db
def test_a_failing_backend_is_retried_later_with_backoff(demo, settings):
    settings.SMS_BACKEND = "tests.governance.notifications.test_tasks.BrokenSMS"
    notification = services.notification_create(
        recipient=demo.resident, kind="portal.message", key="broken", params={"title": "t", "body": "b"}, sms=True
    )
    services.notification_deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.PENDING and notification.attempts == 1
    assert "gateway down" in notification.last_error
    first_retry = notification.next_attempt_at
    services.notification_deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.attempts == 2 and notification.next_attempt_at > first_retry


@pytest.mark.django_db
def test_only_delivered_notifications_show_in_the_inbox(client, demo):
    pending = services.notification_create(
        recipient=demo.resident, kind="portal.message", key="p", params={"title": "还在路上", "body": ""}
    )
    client.force_login(demo.resident)
    assert "还在路上" not in client.get("/notifications/").text
    services.notification_deliver(notification_id=pending.pk)
    assert "还在路上" in client.get("/notifications/").text


class BrokenSMS:
    def send(self, **kwargs):
        raise ConnectionError("gateway down")
