"""Writes of the reports app: ask for a report, build it step by step, retry it, the monthly reports, subscriptions.

A job is written in the caller's transaction and its task published on commit; the sweep
publishes again whatever is still queued a minute later. The build locks the job and runs
only a queued one (or a running one whose worker fell silent), and commits its progress
step by step in small transactions, so the page shows how far it really is.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courtyards.models import Street
from governance.core import stored_text
from governance.core.dispatch import dispatch_on_commit, publish
from governance.notifications.services import notification_create

from . import builders, figures, periods
from .choices import JobStatus, PeriodKind
from .models import ReportJob, ReportSubscription

logger = logging.getLogger("governance.reports")

SWEEP_GRACE = timedelta(minutes=1)
STALE_AFTER = timedelta(minutes=10)  # a running job without progress for this long lost its worker
MAX_CUSTOM_DAYS = 366
SECTION_STEPS = (20, 35, 50, 60, 65, 70, 75)  # progress after each section of figures.SECTIONS
WORKBOOK_STEP, PDF_STEP = 80, 95


def period_resolve(*, kind: str, start: date, end: date | None = None) -> tuple[date, date]:
    """The report's first and last day: the month, quarter or year of `start`, or [start, end] for a custom period."""
    if kind == PeriodKind.MONTHLY:
        return periods.month_start(start), periods.month_end(start)
    if kind == PeriodKind.QUARTERLY:
        return periods.quarter_of(start)
    if kind == PeriodKind.YEARLY:
        return periods.year_of(start)
    if kind != PeriodKind.CUSTOM:
        raise ValidationError({"period_kind": _("Choose monthly, quarterly, yearly or a custom period.")})
    if end is None or end < start:
        raise ValidationError({"end": _("The end of the period must be on or after its start.")})
    if (end - start).days >= MAX_CUSTOM_DAYS:
        raise ValidationError({"end": _("A custom period can be at most a year long.")})
    return start, end


def _node_keys(node) -> dict:
    keys = {"district_id": node.pk if node.level == "district" else node.district_id}
    if node.level in ("street", "community"):
        keys["street_id"] = node.pk if node.level == "street" else node.street_id
    if node.level == "community":
        keys["community_id"] = node.pk
    return keys


def report_job_request(*, node, period_kind: str, start: date, end: date | None = None, requested_by=None) -> tuple[ReportJob, bool]:
    """One job per (node, period, requester): asking again returns the same job."""
    start, end = period_resolve(kind=period_kind, start=start, end=end)
    if start > timezone.localdate():
        raise ValidationError({"start": _("The period has not started yet.")})
    requester = requested_by.pk if requested_by else "monthly"
    key = f"{node.level}:{node.pk}:{period_kind}:{start}:{end}:{requester}"
    with transaction.atomic():
        job, created = ReportJob.objects.get_or_create(
            key=key,
            defaults={"level": node.level, "period_kind": period_kind, "start": start, "end": end, "requested_by": requested_by}
            | _node_keys(node),
        )
        if created:
            job.full_clean()
            from .tasks import report_job_run

            dispatch_on_commit(report_job_run, job.pk)
    return job, created


def report_job_retry(*, job: ReportJob) -> ReportJob:
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != JobStatus.FAILED:
            raise ValidationError(_("Only a failed report can be retried."))
        job.status, job.progress, job.error = JobStatus.QUEUED, 0, ""
        job.started_at = job.finished_at = job.heartbeat_at = None
        job.save(update_fields=["status", "progress", "error", "started_at", "finished_at", "heartbeat_at"])
        from .tasks import report_job_run

        dispatch_on_commit(report_job_run, job.pk)
    return job


def _claim(job_id: int) -> ReportJob | None:
    """Lock the job and mark it running, unless another worker has it or it is finished."""
    now = timezone.now()
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            return None
        stale = job.status == JobStatus.RUNNING and (job.heartbeat_at or job.created_at) < now - STALE_AFTER
        if job.status != JobStatus.QUEUED and not stale:
            return None
        job.status, job.started_at, job.heartbeat_at, job.attempts = JobStatus.RUNNING, now, now, job.attempts + 1
        job.progress = max(job.progress, 5)
        job.save(update_fields=["status", "started_at", "heartbeat_at", "attempts", "progress"])
    return ReportJob.objects.select_related("district", "street", "community").get(pk=job_id)


def _progress(job_id: int, value: int) -> None:
    """Its own small transaction (autocommit), so readers see it at once; never goes down."""
    ReportJob.objects.filter(pk=job_id, status=JobStatus.RUNNING, progress__lt=value).update(progress=value, heartbeat_at=timezone.now())


def report_job_run(*, job_id: int) -> None:
    job = _claim(job_id)
    if job is None:
        return
    with translation.override(settings.LANGUAGE_CODE):  # reports are written in the portal's language
        _build(job)


def _build(job: ReportJob) -> None:
    job_id = job.pk
    try:
        sections = []
        for build, step in zip(figures.SECTIONS, SECTION_STEPS, strict=True):
            sections.append(build(job.node, job.start, job.end))
            _progress(job.pk, step)
        workbook = builders.workbook(job, sections)
        _progress(job.pk, WORKBOOK_STEP)
        pdf = builders.pdf(job, sections)
        _progress(job.pk, PDF_STEP)
        _finish(job, workbook, pdf)
    except Exception as error:  # record why, so staff see it and can retry
        logger.exception("report job %s failed", job_id)
        ReportJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )


def _finish(job: ReportJob, workbook: bytes, pdf: bytes) -> None:
    name = f"{job.node.code}-{job.start:%Y%m%d}-{job.end:%Y%m%d}"
    with transaction.atomic():
        locked = ReportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status != JobStatus.RUNNING:
            return
        locked.xlsx.save(f"{name}.xlsx", ContentFile(workbook), save=False)
        locked.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        locked.status, locked.progress, locked.finished_at = JobStatus.DONE, 100, timezone.now()
        locked.save(update_fields=["xlsx", "pdf", "status", "progress", "finished_at"])
        _notify_done(locked, job)


def _notify_done(job: ReportJob, loaded: ReportJob) -> None:
    recipients = {job.requested_by_id: job.requested_by} if job.requested_by_id else {}
    if job.requested_by_id is None and job.level == "street":
        recipients.update({s.user_id: s.user for s in ReportSubscription.objects.filter(street_id=job.street_id).select_related("user")})
    params = {"place": loaded.node.name, "start": stored_text.day(job.start), "end": stored_text.day(job.end)}
    link = reverse("reports:job", kwargs={"pk": job.pk})
    for user_id, user in recipients.items():
        notification_create(recipient=user, kind="reports.done", key=f"report-done:{job.pk}:{user_id}", params=params, link=link)


def reports_sweep() -> int:
    """Publish again the jobs still queued after a minute, and those whose worker fell silent."""
    now = timezone.now()
    queued = ReportJob.objects.filter(status=JobStatus.QUEUED, created_at__lt=now - SWEEP_GRACE)
    stale = ReportJob.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=now - STALE_AFTER)
    from .tasks import report_job_run

    ids = list(queued.values_list("pk", flat=True)[:500]) + list(stale.values_list("pk", flat=True)[:500])
    return sum(publish(report_job_run, pk) for pk in ids)


def monthly_reports_create(*, today: date | None = None) -> int:
    """Last month's report of every street, once (the job key makes a second run a no-op)."""
    start, end = periods.last_month(today)
    created = 0
    for street in Street.objects.all():
        _, new = report_job_request(node=street, period_kind=PeriodKind.MONTHLY, start=start, end=end)
        created += new
    return created


def subscription_set(*, user, street, subscribed: bool) -> None:
    with transaction.atomic():
        if subscribed:
            ReportSubscription.objects.get_or_create(user=user, street=street, defaults={"district_id": street.district_id})
        else:
            ReportSubscription.objects.filter(user=user, street=street).delete()
