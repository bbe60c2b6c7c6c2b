"""Staff open the dashboard of a node in their scope, ask for a report and download it; others get 404."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.reports import services
from governance.reports.choices import PeriodKind
from governance.reports.models import ReportJob, ReportSubscription
from tests.conftest import cache_clear_own_keys

from .data import make_requests


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_street_dashboard_shows_figures_a_chart_and_the_drill_down(client, demo):
    today = date.today()
    make_requests(street=demo.shuangqiaozi, count=9, start=today.replace(day=1), end=today, seed=4)
    client.force_login(demo.street)
    page = client.get(reverse("reports:dashboard", kwargs={"level": "street", "code": "shuangqiaozi"})).text
    assert "<svg" in page and "<title" in page and "<desc" in page and "<table" in page
    assert "新鸿社区" in page  # a community of the drill-down
    assert reverse("reports:dashboard", kwargs={"level": "community", "code": "xinhong"}) in page


@pytest.mark.django_db
def test_the_dashboard_costs_the_same_queries_with_one_request_and_with_many(client, demo):
    url = reverse("reports:dashboard", kwargs={"level": "street", "code": "shuangqiaozi"})
    client.force_login(demo.street)
    today = date.today()
    make_requests(street=demo.shuangqiaozi, count=1, start=today.replace(day=1), end=today, seed=1)
    services.report_job_request(node=demo.shuangqiaozi, period_kind=PeriodKind.MONTHLY, start=today, requested_by=demo.street)
    one = _count(client, url)
    cache_clear_own_keys()  # the figures are cached: count what computing them costs
    make_requests(street=demo.shuangqiaozi, count=200, start=date(today.year - 1, today.month, 1), end=today, seed=2)
    for month in (1, 2, 3):
        services.report_job_request(
            node=demo.shuangqiaozi, period_kind=PeriodKind.MONTHLY, start=date(2026, month, 1), requested_by=demo.street
        )
    many = _count(client, url)
    print("queries", url, one, many)
    assert many == one


DASHBOARD_BUDGET = (
    20 + 2 + 5 + 2 + 1
)  # training: totals, hours per month; 网格: grids, their weeks, workers, theirs, patrols per month; 数说: households by origin, training;
# the header's query of what the person has behind its links (issue 14)


@pytest.mark.django_db
def test_the_street_dashboard_stays_within_its_budget_with_5_and_with_50_requests(client, demo, without_demo_requests):
    """Counted without the cache (a first load): the budget is for computing the figures."""
    url = reverse("reports:dashboard", kwargs={"level": "street", "code": "shuangqiaozi"})
    client.force_login(demo.street)
    today = date.today()
    make_requests(street=demo.shuangqiaozi, count=5, start=date(today.year - 1, today.month, 1), end=today, seed=5)
    cache_clear_own_keys()
    five = _count(client, url)
    make_requests(street=demo.shuangqiaozi, count=45, start=date(today.year - 1, today.month, 1), end=today, seed=6)
    cache_clear_own_keys()
    fifty = _count(client, url)
    assert five == fifty <= DASHBOARD_BUDGET


@pytest.mark.django_db
def test_the_job_list_costs_the_same_queries_with_one_job_and_with_many(client, demo):
    client.force_login(demo.admin)
    url = reverse("reports:index")
    services.report_job_request(node=demo.xinhong, period_kind=PeriodKind.MONTHLY, start=date(2026, 1, 1), requested_by=demo.admin)
    client.get(url)  # the caches the page fills (the unread badge) warm in both measurements
    one = _count(client, url)
    for month in range(2, 10):
        for node in (demo.district, demo.shengdeng, demo.hualin):
            services.report_job_request(node=node, period_kind=PeriodKind.MONTHLY, start=date(2026, month, 1), requested_by=demo.admin)
    many = _count(client, url)
    print("queries", url, one, many)
    assert many == one


@pytest.mark.django_db
def test_demo_street_cannot_fetch_shengdengs_report(client, demo):
    job, _ = services.report_job_request(
        node=demo.shengdeng, period_kind=PeriodKind.MONTHLY, start=date(2026, 3, 1), requested_by=demo.admin
    )
    services.report_job_run(job_id=job.pk)
    client.force_login(demo.street)
    for url in (
        reverse("reports:job", kwargs={"pk": job.pk}),
        reverse("reports:job_progress", kwargs={"pk": job.pk}),
        reverse("reports:job_file", kwargs={"pk": job.pk, "kind": "pdf"}),
        reverse("reports:job_file", kwargs={"pk": job.pk, "kind": "xlsx"}),
        reverse("api:report-job-detail", kwargs={"pk": job.pk}),
        reverse("reports:dashboard", kwargs={"level": "street", "code": "shengdeng"}),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("api:report-job-list"), {"level": "street", "code": "shengdeng", "period_kind": "monthly", "start": "2026-03-01"}
        ).status_code
        == 404
    )
    client.force_login(demo.admin)
    response = client.get(reverse("reports:job_file", kwargs={"pk": job.pk, "kind": "pdf"}))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_staff_ask_for_a_report_on_the_page_and_follow_its_progress(client, demo, django_capture_on_commit_callbacks):
    client.force_login(demo.community)
    url = reverse("reports:job_create", kwargs={"level": "community", "code": "xinhong"})
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, {"period_kind": "monthly", "start": "2026-03-09"})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:job", kwargs={"pk": job.pk})
    progress = client.get(reverse("reports:job_progress", kwargs={"pk": job.pk}), headers={"HX-Request": "true"}).text
    assert 'hx-trigger="every 1s"' in progress and "<progress" in progress
    bad = client.post(url, {"period_kind": "custom", "start": "2026-03-09", "end": "2026-03-01"})
    assert bad.status_code == 302 and ReportJob.objects.count() == 1


@pytest.mark.django_db
def test_street_staff_subscribe_to_the_monthly_report_on_the_dashboard(client, demo):
    client.force_login(demo.street)
    url = reverse("reports:subscription", kwargs={"code": "shuangqiaozi"})
    client.post(url, {"subscribe": "1"})
    assert ReportSubscription.objects.filter(user=demo.street, street=demo.shuangqiaozi).exists()
    client.post(url, {"subscribe": "0"})
    assert not ReportSubscription.objects.exists()
    assert client.post(reverse("reports:subscription", kwargs={"code": "shengdeng"}), {"subscribe": "1"}).status_code == 404


@pytest.mark.django_db
def test_the_api_starts_a_report_and_answers_its_progress(client, demo, django_capture_on_commit_callbacks):
    client.force_login(demo.street)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("api:report-job-list"),
            {"level": "street", "code": "shuangqiaozi", "period_kind": "custom", "start": "2026-01-01", "end": "2026-02-15"},
        )
    assert response.status_code == 201 and len(callbacks) == 1
    job = response.json()
    assert (job["status"], job["progress"], job["files"]) == ("queued", 0, {})
    services.report_job_run(job_id=job["id"])
    done = client.get(reverse("api:report-job-detail", kwargs={"pk": job["id"]})).json()
    assert done["progress"] == 100 and set(done["files"]) == {"xlsx", "pdf"}
    retry = client.post(reverse("api:report-job-retry", kwargs={"pk": job["id"]}))
    assert retry.status_code == 400  # only a failed report is retried
    bad = client.post(
        reverse("api:report-job-list"), {"level": "street", "code": "shuangqiaozi", "period_kind": "custom", "start": "2026-03-01"}
    )
    assert bad.status_code == 400


@pytest.mark.django_db
def test_the_dashboard_api_gives_the_same_figures_as_the_page(client, demo):
    today = date.today()
    expected = make_requests(street=demo.shuangqiaozi, count=15, start=today.replace(day=1), end=today, seed=8)
    client.force_login(demo.street)
    data = client.get(reverse("api:report-dashboard", kwargs={"level": "street", "code": "shuangqiaozi"})).json()
    requests = next(s for s in data["sections"] if s["key"] == "requests")
    submitted = 15 - expected.merged  # a duplicate merged into another request is counted once, in the one it joined
    assert {f["key"]: f["value"] for f in requests["figures"]}["submitted"] == expected.submitted == submitted
    assert len(requests["trend"]) == 12 and sum(p["value"] for p in requests["trend"]) == submitted
    assert sum(child["submitted"] for child in data["children"]) == submitted
    assert [s["key"] for s in data["sections"]] == ["requests", "activities", "bodies", "alliance", "grids", "training", "seed"]


@pytest.mark.django_db
def test_staff_find_the_dashboards_on_their_work_page_and_residents_do_not(client, demo):
    client.force_login(demo.community)
    assert reverse("reports:index") in client.get(reverse("courtyards:manage")).text
    page = client.get(reverse("reports:index")).text
    assert reverse("reports:dashboard", kwargs={"level": "community", "code": "xinhong"}) in page
    assert reverse("reports:dashboard", kwargs={"level": "street", "code": "shuangqiaozi"}) not in page
    client.force_login(demo.resident)
    assert client.get(reverse("reports:index")).status_code == 404


@pytest.mark.django_db
def test_the_api_job_list_costs_the_same_queries_with_one_job_and_with_many(client, demo):
    client.force_login(demo.admin)
    url = reverse("api:report-job-list")
    services.report_job_request(node=demo.xinhong, period_kind=PeriodKind.MONTHLY, start=date(2026, 1, 1), requested_by=demo.admin)
    one = _count(client, url)
    for month in range(2, 8):
        for node in (demo.district, demo.shengdeng, demo.hualin):
            services.report_job_request(node=node, period_kind=PeriodKind.MONTHLY, start=date(2026, month, 1), requested_by=demo.admin)
    assert _count(client, url) == one


@pytest.mark.django_db
def test_a_failed_report_shows_why_and_the_retry_button_requeues_it(client, demo, django_capture_on_commit_callbacks):
    job, _ = services.report_job_request(
        node=demo.xinhong, period_kind=PeriodKind.MONTHLY, start=date(2026, 3, 1), requested_by=demo.community
    )
    ReportJob.objects.filter(pk=job.pk).update(status="failed", error="OSError: disk full", progress=60)
    client.force_login(demo.community)
    page = client.get(reverse("reports:job", kwargs={"pk": job.pk})).text
    assert "OSError: disk full" in page and reverse("reports:job_retry", kwargs={"pk": job.pk}) in page
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("reports:job_retry", kwargs={"pk": job.pk}))
    job.refresh_from_db()
    assert (job.status, job.progress, job.error, len(callbacks)) == ("queued", 0, "", 1)


@pytest.mark.django_db
def test_an_english_reader_reads_the_dashboards_categories_in_english_and_a_chinese_reader_in_chinese(client, demo):
    from django.conf import settings

    from governance.requests.models import Category
    from tests.governance.requests.helpers import file_request

    for code in ("facilities", "greening"):
        file_request(demo, category=code)
    url = reverse("reports:dashboard", kwargs={"level": "community", "code": "xinhong"})
    client.force_login(demo.community)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    chinese = client.get(url).text
    for category in Category.objects.filter(code__in=["facilities", "greening"]):
        assert category.name_en in english and category.name_zh not in english
        assert category.name_zh in chinese
