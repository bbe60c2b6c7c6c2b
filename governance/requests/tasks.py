from datetime import date

from celery import shared_task

from . import retention
from .clock import sweeps as deadlines
from .clock import warnings
from .dispatch import digest


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


# A day's requests of a district in one pass: well under the limit, which stays within the broker's visibility
# timeout (1 h). Stopped at the limit, it has told some people: run again for that day, it tells only the others.
@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True, soft_time_limit=540, time_limit=600)
def requests_queue_digest(day: str | None = None) -> int:
    """The daily digest of new requests for staff who take one: by default of yesterday (`day`: an ISO date)."""
    return digest.queue_digests_send(day=date.fromisoformat(day) if day else None)
