from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def notification_deliver(notification_id: int) -> None:
    services.notification_deliver(notification_id=notification_id)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def notifications_sweep() -> int:
    return services.notifications_sweep()
