from celery import shared_task

from . import services


# A district report on a million residents takes minutes (docs/performance.md); the broker's visibility timeout is
# more than twice this hard limit.
@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True, soft_time_limit=840, time_limit=900)
def report_job_run(job_id: int) -> None:
    services.report_job_run(job_id=job_id)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def reports_sweep() -> int:
    return services.reports_sweep()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def monthly_reports_create() -> int:
    return services.monthly_reports_create()
