"""The unread badge on every signed-in page: kept in the cache, and true after each delivery and each reading."""

import re

import pytest

from governance.notifications import services
from governance.notifications.models import Notification


def badge(client) -> int:
    found = re.search(
        r'<span class="badge">(?:<span class="visually-hidden">[^<]*</span>)?(\d+)</span>', client.get("/requests/mine/").text
    )
    return int(found.group(1)) if found else 0


def deliver(recipient, key: str) -> Notification:
    notification = services.notification_create(
        recipient=recipient, kind="portal.message", key=key, params={"title": "停水通知", "body": "明天上午停水"}
    )
    services.notification_deliver(notification_id=notification.pk)
    return notification


@pytest.mark.django_db(transaction=True)
def test_the_badge_counts_each_delivery_and_each_reading(demo_tx, client):
    client.force_login(demo_tx.resident)
    Notification.objects.filter(recipient=demo_tx.resident).update(read_at="2026-01-01T00:00:00Z")
    services.notifications_mark_all_read(user=demo_tx.resident)  # forget what the demo left in the cache
    assert badge(client) == 0
    first = deliver(demo_tx.resident, "badge-1")
    assert badge(client) == 1, "a delivered notification shows at once, not when the cache expires"
    deliver(demo_tx.resident, "badge-2")
    assert badge(client) == 2
    assert client.post(f"/notifications/{first.pk}/read/").status_code == 302
    assert badge(client) == 1
    assert client.post("/notifications/read-all/").status_code == 302
    assert badge(client) == 0


@pytest.mark.django_db(transaction=True)
def test_another_persons_delivery_leaves_my_badge_alone(demo_tx, client):
    client.force_login(demo_tx.resident)
    services.notifications_mark_all_read(user=demo_tx.resident)
    deliver(demo_tx.resident2, "someone-else")
    assert badge(client) == 0
