"""Notifications about requests are never lost: not when the broker is down, not when a worker dies mid-task."""

import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from governance.celery import app
from governance.notifications import services as notification_services
from governance.notifications.choices import DeliveryStatus
from governance.notifications.models import Notification
from governance.notifications.tasks import notification_deliver
from governance.requests import services
from governance.requests.models import Request
from tests.conftest import ROOT, WorkerProcess, _worker_env

from .helpers import file_request

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1: every publish fails with a real connection error


def wait_for(predicate, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def use_broker(url: str) -> None:
    """Point this process's publisher at `url`; the cached connection and producer pools are dropped."""
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    original = app.conf.broker_url
    use_broker(DEAD_BROKER)
    yield lambda: use_broker(original)
    use_broker(original)


def test_with_the_broker_down_submitting_succeeds_and_the_sweep_delivers_exactly_one(demo_tx, client, celery_worker_process, broker_down):
    client.force_login(demo_tx.resident)
    data = {"category": "facilities", "place": "unit", "title": "断网也能提交", "text": "Redis 停了", "public": "on"}
    response = client.post("/requests/new/", data)
    assert response.status_code == 302, "the resident is not told of any outage"
    request = Request.objects.get(title="断网也能提交")
    waiting = Notification.objects.filter(recipient=demo_tx.resident, key__startswith=f"request:{request.number}:")
    time.sleep(1.5)
    assert [n.status for n in waiting] == [DeliveryStatus.PENDING], "written with the request, not yet delivered"

    broker_down()  # Redis is back
    published = notification_services.notifications_sweep(now=timezone.now() + notification_services.SWEEP_GRACE + timedelta(seconds=1))
    assert published >= 1
    assert wait_for(lambda: waiting.get().status == DeliveryStatus.DELIVERED)
    notification_services.notifications_sweep(now=timezone.now() + timedelta(hours=1))  # a second sweep sends nothing new
    time.sleep(1)
    assert waiting.count() == 1 and waiting.get().status == DeliveryStatus.DELIVERED


class DedicatedWorker(WorkerProcess):
    """A worker on its own queue with its own environment, so killing it disturbs no other test."""

    def __init__(self, log_path: Path, queue: str, env: dict):
        super().__init__(log_path)
        self.queue, self.env = queue, env

    def start(self) -> None:
        log = open(self.log_path, "ab")  # noqa: SIM115 - the worker writes to it until it stops
        command = [sys.executable, "-m", "celery", "-A", "governance", "worker", "--pool=solo", "--without-mingle"]
        command += ["--without-gossip", "--without-heartbeat", "-Q", self.queue, "-l", "info", "-n", f"{self.queue}@%h"]
        env = {**_worker_env(), "CELERY_QUEUE": self.queue, **self.env}
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        self._wait_for("ready.")


def test_a_worker_killed_mid_send_loses_nothing_and_sends_once(demo_tx, tmp_path, monkeypatch):
    queue = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-kill"
    # This test's tasks go to its own workers only (Celery caches a task's options: drop the cache too).
    monkeypatch.setattr(notification_deliver, "queue", queue, raising=False)
    monkeypatch.setattr(notification_deliver, "_exec_options", None, raising=False)
    record = tmp_path / "sms.log"
    record.touch()
    env = {"SMS_BACKEND": "tests.governance.requests.slow_sms.SlowRecordingSMS", "SLOW_SMS_RECORD": str(record)}
    first = DedicatedWorker(tmp_path / "first.log", queue, {**env, "SLOW_SMS_SECONDS": "60"})
    second = DedicatedWorker(tmp_path / "second.log", queue, {**env, "SLOW_SMS_SECONDS": "0"})
    try:
        first.start()
        request = file_request(demo_tx, title="杀掉工作进程")
        services.request_accept(request=request, by=demo_tx.community)  # the resident is told by SMS
        sms = Notification.objects.get(recipient=demo_tx.resident, kind="requests.status", key__startswith=f"request:{request.number}:")
        assert wait_for(lambda: f"started {sms.key}" in record.read_text()), first.log_path.read_text()[-2000:]
        first.kill()  # SIGKILL in the middle of the send: no ack, no commit
        sms.refresh_from_db()
        assert sms.status == DeliveryStatus.PENDING and sms.sms_sent_at is None

        second.start()
        notification_services.notifications_sweep(now=timezone.now() + timedelta(minutes=5))
        assert wait_for(lambda: Notification.objects.get(pk=sms.pk).status == DeliveryStatus.DELIVERED), second.log_path.read_text()[-2000:]
        notification_services.notifications_sweep(now=timezone.now() + timedelta(hours=1))
        time.sleep(1)
        assert record.read_text().count(f"sent {sms.key}") == 1
        assert Notification.objects.filter(key=sms.key).count() == 1
    finally:
        first.kill()
        second.stop()
