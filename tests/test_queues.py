"""Background work by kind: each kind on its own queue, every task bounded, and a notification never waits behind reports."""

import time
from pathlib import Path

import pytest
from django.conf import settings

from governance.celery import app
from governance.notifications import services as notification_services
from governance.notifications.choices import DeliveryStatus
from governance.notifications.models import Notification
from governance.reports.tasks import report_job_run
from tests.conftest import WorkerProcess

OUR_PACKAGES = ("governance.", "courtyards.", "committees.", "associations.")
KIND_OF_MODULE = {
    "governance.notifications.tasks": "notifications",
    "governance.requests.tasks": "deadlines",
    "committees.tasks": "deadlines",
    "governance.reports.tasks": "reports",
}


def our_tasks():
    app.loader.import_default_modules()
    return [task for name, task in sorted(app.tasks.items()) if name.startswith(OUR_PACKAGES)]


def limits(task) -> tuple[int, int]:
    return (task.soft_time_limit or app.conf.task_soft_time_limit, task.time_limit or app.conf.task_time_limit)


def queue_of(task) -> str:
    return app.amqp.router.route({}, task.name)["queue"].name


def test_every_task_has_a_soft_and_a_hard_time_limit():
    assert len(our_tasks()) >= 10
    for task in our_tasks():
        soft, hard = limits(task)
        assert soft and hard and soft < hard, task.name


def test_each_kind_of_work_has_its_own_queue():
    for task in our_tasks():
        kind = KIND_OF_MODULE.get(task.name.rsplit(".", 1)[0])
        expected = settings.CELERY_QUEUES_BY_KIND[kind] if kind else settings.CELERY_TASK_DEFAULT_QUEUE
        assert queue_of(task) == expected, task.name
    assert len(set(settings.CELERY_QUEUES_BY_KIND.values())) == 3


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_running_worker_redelivers_only_after_twice_the_longest_hard_limit(celery_worker_process):
    conf = celery_worker_process.conf()  # the worker's own settings, under their Django names
    longest = max(limits(task)[1] for task in our_tasks())
    assert longest >= 900, "a report's hard limit"
    assert conf["CELERY_BROKER_TRANSPORT_OPTIONS"]["visibility_timeout"] > 2 * longest
    assert conf["CELERY_WORKER_PREFETCH_MULTIPLIER"] == 1, "a long task does not hold others back in its worker's buffer"
    assert conf["CELERY_TASK_ACKS_LATE"] and conf["CELERY_TASK_REJECT_ON_WORKER_LOST"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_notification_is_delivered_within_seconds_while_report_jobs_fill_their_queue(demo_tx, tmp_path, sms_outbox):
    reports = settings.CELERY_QUEUES_BY_KIND["reports"]
    worker = WorkerProcess(tmp_path / "notifications.log", queues=[settings.CELERY_QUEUES_BY_KIND["notifications"]])
    worker.start()
    try:
        for _ in range(40):  # a backlog of report jobs, with every report worker busy elsewhere
            report_job_run.apply_async(args=(0,))
        started = time.monotonic()
        notification = notification_services.notification_create(
            recipient=demo_tx.resident,
            kind="portal.message",
            key="behind-reports",
            params={"title": "停水通知", "body": "明天上午停水"},
            sms=True,
        )
        while Notification.objects.get(pk=notification.pk).status != DeliveryStatus.DELIVERED and time.monotonic() - started < 10:
            time.sleep(0.1)
        assert Notification.objects.get(pk=notification.pk).status == DeliveryStatus.DELIVERED, "delivered within 10 s"
        with app.connection_for_write() as conn:
            assert conn.default_channel.client.llen(reports) == 40, "the reports' backlog still waits, untouched"
    finally:
        worker.stop()
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(reports)


def test_a_worker_started_without_queues_consumes_every_kind():
    declared = {queue.name for queue in app.conf.task_queues}
    assert declared == {settings.CELERY_TASK_DEFAULT_QUEUE, *settings.CELERY_QUEUES_BY_KIND.values()}


def test_make_stack_runs_a_worker_for_every_kind_and_one_beat():
    procfile = (Path(__file__).resolve().parent.parent / "Procfile").read_text()
    lines = dict(line.split(": ", 1) for line in procfile.splitlines() if line and not line.startswith("#"))
    for kind in settings.CELERY_QUEUES_BY_KIND:
        assert f"-Q ${{CELERY_QUEUE}}.{kind}" in lines[kind], kind
    assert "${CELERY_QUEUE}.deadlines,${CELERY_QUEUE}" in lines["deadlines"], "the default queue (nightly purges) is consumed"
    assert sum(" beat " in command for command in lines.values()) == 1
    assert "--prefetch-multiplier=1" in lines["reports"]
