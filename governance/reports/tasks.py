from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def report_job_run(job_id: int) -> None:
    services.report_job_run(job_id=job_id)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def reports_sweep() -> int:
    return services.reports_sweep()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def monthly_reports_create() -> int:
    return services.monthly_reports_create()
