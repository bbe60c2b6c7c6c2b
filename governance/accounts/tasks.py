from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def audit_purge() -> dict[str, int]:
    return services.security_events_purge()
