from celery import shared_task

from . import deadlines, retention


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def requests_escalate_overdue() -> int:
    return deadlines.requests_escalate_overdue()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def requests_close_unconfirmed() -> int:
    return deadlines.requests_close_unconfirmed()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def requests_anonymise_old() -> int:
    return retention.requests_anonymise_old()
