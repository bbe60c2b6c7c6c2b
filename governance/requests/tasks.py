from celery import shared_task

from . import retention
from .clock import sweeps as deadlines
from .clock import warnings


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def requests_escalate_overdue() -> int:
    return deadlines.requests_escalate_overdue()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def requests_close_unconfirmed() -> int:
    return deadlines.requests_close_unconfirmed()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def requests_anonymise_old() -> int:
    return retention.requests_anonymise_old()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def requests_warn_due() -> int:
    return warnings.requests_warn_due()
