"""Reports count 退单 and 转办 per owning unit: received, returned, transferred away, resolved on time,
from the timeline's units in the database, on the dashboard, in the XLSX and in the PDF."""

import io
import subprocess
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from governance.accounts.models import User
from governance.reports import services
from governance.reports.choices import JobStatus, PeriodKind
from governance.reports.units import unit_counts
from governance.requests import services as request_services
from governance.requests.dispatch import services as dispatch
from governance.requests.dispatch.models import Department
from tests.governance.requests.helpers import file_request

pytestmark = pytest.mark.django_db

ROADS = "双桥子街道综合行政执法队"
POLICE = "双桥子派出所"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def one_returned_one_transferred(demo):
    """执法队 receives three roads requests: returns one, transfers one to 派出所, resolves one (on time)."""
    handler = User.objects.get(username="demo_handler")
    police = Department.objects.get(name=POLICE)
    returned, transferred, resolved = (file_request(demo, category="roads", title=f"井盖{n}") for n in range(3))
    dispatch.request_return(request=returned, by=handler, reason="不归执法队")
    dispatch.request_transfer(request=transferred, by=handler, target=f"department:{police.pk}", reason="属派出所")
    request_services.request_accept(request=resolved, by=handler)
    request_services.request_start(request=resolved, by=handler)
    request_services.request_resolve(request=resolved, by=handler, note="已补井盖")
    return police


def counts_of(demo, name: str) -> dict:
    today = timezone.localdate()
    found = unit_counts(demo.shuangqiaozi, today, today)
    return next(counts for (kind, pk, unit), counts in found.items() if unit == name)


def test_a_unit_that_returned_one_and_transferred_one_shows_1_and_1(demo):
    one_returned_one_transferred(demo)
    assert counts_of(demo, ROADS) == {"received": 3, "returned": 1, "transferred": 1, "resolved_on_time": 0}
    assert counts_of(demo, POLICE) == {"received": 1, "returned": 0, "transferred": 0, "resolved_on_time": 0}


def test_the_counts_come_from_a_fixed_number_of_queries(demo, django_assert_max_num_queries):
    one_returned_one_transferred(demo)
    today = timezone.localdate()
    with django_assert_max_num_queries(3):
        unit_counts(demo.shuangqiaozi, today, today)


def test_resolved_on_time_uses_the_one_definition(demo):
    """Judged against the resolve deadline in the period: one whose deadline is today and was met counts."""
    one_returned_one_transferred(demo)
    resolved = file_request(demo, category="roads", title="井盖今日")
    handler = User.objects.get(username="demo_handler")
    request_services.request_accept(request=resolved, by=handler)
    request_services.request_start(request=resolved, by=handler)
    request_services.request_resolve(request=resolved, by=handler, note="已补")
    type(resolved).objects.filter(pk=resolved.pk).update(resolve_due_at=timezone.now() + timedelta(minutes=5))
    assert counts_of(demo, ROADS)["resolved_on_time"] == 1


def test_the_street_dashboard_shows_the_unit_table(demo, client):
    one_returned_one_transferred(demo)
    client.force_login(demo.street)
    page = client.get(reverse("reports:dashboard", args=["street", demo.shuangqiaozi.code]), HTTP_ACCEPT_LANGUAGE="en").text
    table = page[page.index('id="table-units"') :]
    table = table[: table.index("</table>")]
    assert f'<th scope="row">{ROADS}</th><td>3</td><td>1</td><td>1</td><td>0</td>' in table
    assert POLICE in table


def test_the_monthly_report_has_the_unit_table_in_its_workbook_and_pdf(demo, tmp_path):
    one_returned_one_transferred(demo)
    job, _created = services.report_job_request(
        node=demo.shuangqiaozi, period_kind=PeriodKind.MONTHLY, start=timezone.localdate(), requested_by=demo.street
    )
    services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    with job.xlsx.open("rb") as handle:
        rows = list(load_workbook(io.BytesIO(handle.read())).worksheets[0].iter_rows(values_only=True))
    # the month holds the resolved one's deadline, which it met: on time by the one definition
    assert (ROADS, 3, 1, 1, 1) in [tuple(row[:5]) for row in rows]
    with translation.override(settings.LANGUAGE_CODE):
        title = translation.gettext("Requests by owning unit")
    assert any(row[0] == title for row in rows)
    pdf_path = tmp_path / "report.pdf"
    with job.pdf.open("rb") as handle:
        pdf_path.write_bytes(handle.read())
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    assert ROADS in text and POLICE in text
