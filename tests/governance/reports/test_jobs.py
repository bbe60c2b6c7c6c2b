"""Staff ask for a report; it is built step by step into an XLSX workbook and a PDF in Chinese."""

import io
import subprocess
import zipfile
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from openpyxl import load_workbook

from governance.notifications.models import Notification
from governance.reports import figures, services
from governance.reports.choices import JobStatus, PeriodKind
from governance.reports.models import ReportJob
from tests.base import make_staff

from .data import make_requests

START, END = date(2026, 3, 1), date(2026, 3, 31)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def run(job):
    services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def _bytes(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


@pytest.mark.django_db
def test_a_street_report_has_a_chinese_pdf_and_a_workbook_whose_sums_match(demo, tmp_path):
    expected = make_requests(street=demo.shuangqiaozi, count=50, start=START, end=END, seed=3)
    job, created = services.report_job_request(
        node=demo.shuangqiaozi, period_kind=PeriodKind.MONTHLY, start=date(2026, 3, 15), requested_by=demo.street
    )
    assert created and (job.start, job.end) == (START, END)
    job = run(job)
    assert job.status == JobStatus.DONE and job.progress == 100, job.error

    pdf_path = tmp_path / "report.pdf"
    pdf_path.write_bytes(_bytes(job.pdf))
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    assert "成华区" in text and "双桥子街道" in text
    pages = subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf_path), str(tmp_path / "page")], capture_output=True, check=True)
    assert pages.returncode == 0 and list(tmp_path.glob("page*.png"))

    book = load_workbook(io.BytesIO(_bytes(job.xlsx)))
    assert len(book.sheetnames) == len(figures.SECTIONS) == 7  # one sheet per section
    charts = [n for n in zipfile.ZipFile(io.BytesIO(_bytes(job.xlsx))).namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 7  # each sheet draws its trend
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    values = {row[0]: row[1] for row in rows if row and row[0]}
    with translation.override(settings.LANGUAGE_CODE):  # the report is written in the portal's language
        submitted_label, status_label = translation.gettext("Requests submitted"), translation.gettext("By status")
    assert values[submitted_label] == expected.submitted == 50 - expected.merged
    assert isinstance(sheet["B2"].value, date)  # dates are dates, not text
    start_status = next(i for i, row in enumerate(rows) if row[0] == status_label) + 1
    status_rows = []
    for row in rows[start_status:]:
        if not row[0]:
            break
        status_rows.append(row)
    assert all(isinstance(count, int) for _, count, *rest in status_rows)
    assert sum(count for _, count, *rest in status_rows) == expected.submitted
    assert {label: count for label, count, *rest in status_rows} == dict(expected.by_status)


@pytest.mark.django_db
def test_asking_twice_for_the_same_report_makes_one_job(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first, _ = services.report_job_request(node=demo.shengdeng, period_kind=PeriodKind.QUARTERLY, start=START, requested_by=demo.admin)
        second, created = services.report_job_request(
            node=demo.shengdeng, period_kind=PeriodKind.QUARTERLY, start=END, requested_by=demo.admin
        )
    assert first.pk == second.pk and not created
    assert len(callbacks) == 1  # dispatched once, after commit


@pytest.mark.django_db
def test_a_custom_period_must_make_sense(demo):
    with pytest.raises(ValidationError):
        services.report_job_request(node=demo.shengdeng, period_kind=PeriodKind.CUSTOM, start=END, end=START, requested_by=demo.admin)
    with pytest.raises(ValidationError):
        services.report_job_request(
            node=demo.shengdeng,
            period_kind=PeriodKind.CUSTOM,
            start=timezone.localdate() + timedelta(days=3),
            end=timezone.localdate() + timedelta(days=9),
        )
    assert not ReportJob.objects.exists()


@pytest.mark.django_db
def test_a_finished_or_running_job_is_not_built_twice(demo):
    job, _ = services.report_job_request(node=demo.xinhong, period_kind=PeriodKind.MONTHLY, start=START, requested_by=demo.community)
    job = run(job)
    finished = job.finished_at
    job = run(job)  # a redelivered task
    assert job.finished_at == finished and job.attempts == 1


@pytest.mark.django_db
def test_a_failed_job_says_why_and_can_be_retried(demo, monkeypatch, django_capture_on_commit_callbacks):
    from governance.reports import builders

    def font_gone():
        raise OSError("the CJK font file cannot be read")

    monkeypatch.setattr(builders, "cjk_font", font_gone)
    job, _ = services.report_job_request(node=demo.xinhong, period_kind=PeriodKind.MONTHLY, start=START, requested_by=demo.community)
    job = run(job)
    assert job.status == JobStatus.FAILED and "font" in job.error.lower()
    assert job.progress < 100

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.report_job_retry(job=job)
    assert len(callbacks) == 1
    job = run(job)
    assert job.status == JobStatus.DONE and job.error == ""
    with pytest.raises(ValidationError):
        services.report_job_retry(job=job)


@pytest.mark.django_db
def test_the_sweep_publishes_again_jobs_queued_for_more_than_a_minute(demo, monkeypatch):
    published = []
    monkeypatch.setattr(services, "publish", lambda task, *args: published.append(args) or True)
    old, _ = services.report_job_request(node=demo.xinhong, period_kind=PeriodKind.MONTHLY, start=START, requested_by=demo.community)
    fresh, _ = services.report_job_request(node=demo.hualin, period_kind=PeriodKind.MONTHLY, start=START, requested_by=demo.admin)
    ReportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    assert services.reports_sweep() == 1
    assert published == [(old.pk,)]


@pytest.mark.django_db
def test_on_the_first_of_the_month_every_street_gets_last_months_report_and_subscribers_hear_of_it(demo, settings):
    subscriber, other = make_staff(node=demo.shuangqiaozi), make_staff(node=demo.shuangqiaozi)
    services.subscription_set(user=subscriber, street=demo.shuangqiaozi, subscribed=True)
    created = services.monthly_reports_create(today=date(2026, 4, 1))
    assert created == ReportJob.objects.filter(level="street").count() == 4  # the four streets of 成华区 in the demo
    assert services.monthly_reports_create(today=date(2026, 4, 1)) == 0  # idempotent
    job = ReportJob.objects.get(street=demo.shuangqiaozi, level="street")
    assert (job.start, job.end, job.requested_by) == (START, END, None)
    run(job)
    notification = Notification.objects.get(recipient=subscriber)
    assert notification.kind == "reports.done" and str(job.pk) in notification.link
    assert not Notification.objects.filter(kind="reports.done", recipient=other).exists()  # not subscribed


@pytest.mark.django_db
def test_a_running_job_is_left_alone_unless_its_worker_fell_silent(demo, monkeypatch):
    job, _ = services.report_job_request(node=demo.xinhong, period_kind=PeriodKind.MONTHLY, start=START, requested_by=demo.community)
    now = timezone.now()
    ReportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, heartbeat_at=now, progress=35)
    job = run(job)
    assert (job.status, job.progress) == (JobStatus.RUNNING, 35)  # another worker has it

    published = []
    monkeypatch.setattr(services, "publish", lambda task, *args: published.append(args) or True)
    ReportJob.objects.filter(pk=job.pk).update(heartbeat_at=now - services.STALE_AFTER - timedelta(seconds=1))
    assert services.reports_sweep() == 1 and published == [(job.pk,)]
    job = run(job)
    assert (job.status, job.progress, job.attempts) == (JobStatus.DONE, 100, 1)
