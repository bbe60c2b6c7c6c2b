from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def meeting_reminders_sweep() -> int:
    """Beat: remind members of meetings starting within a day; each meeting once (its reminded_at)."""
    return services.meeting_reminders_send()
