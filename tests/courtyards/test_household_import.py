"""Community staff bring their households in from a spreadsheet, like the tree; a bad file changes nothing."""

import io

import pytest
from openpyxl import Workbook

from courtyards.households.importer import household_header, households_import
from courtyards.households.models import HouseholdTagRow, ResettlementOrigin
from courtyards.importer import TreeImportError, table_rows_read
from courtyards.models import Household
from governance.accounts.choices import Role
from tests.base import make_staff

pytestmark = pytest.mark.django_db

HEADER = "unit_code,address,room,size,tags,origin_community,origin_group"


def rows_of(*lines: str, filename: str = "households.csv") -> list[dict]:
    data = ("\ufeff" + "\n".join([HEADER, *lines]) + "\n").encode("utf-8")
    return table_rows_read(data=data, filename=filename, required=("room",), normalise=household_header)


def snapshot() -> tuple:
    return Household.objects.count(), HouseholdTagRow.objects.count(), ResettlementOrigin.objects.count()


def test_a_good_csv_records_households_with_size_tags_and_origin(demo):
    count = households_import(
        rows=rows_of(
            "xinhong-nanlu-b2-u2,,601,2,独居老人、残疾,,",
            ",新鸿社区新华苑院落1栋2单元,702,5,low_income,新鸿村,三组",
        ),
        user=demo.community,
    )
    assert count == 2
    first = Household.objects.get(unit__code="xinhong-nanlu-b2-u2", room="601")
    assert first.size == 2 and first.origin is None
    assert set(first.tags.values_list("tag", flat=True)) == {"elderly_alone", "disabled"}
    second = Household.objects.get(unit__code="xinhuayuan-b1-u2", room="702")
    assert (second.origin.community_name, second.origin.group_name, second.community.code) == ("新鸿村", "三组", "xinhong")
    assert list(second.tags.values_list("tag", flat=True)) == ["low_income"]


def test_importing_again_replaces_a_households_tags(demo):
    households_import(rows=rows_of("xinhong-nanlu-b2-u2,,601,2,独居老人、残疾,,"), user=demo.community)
    households_import(rows=rows_of("xinhong-nanlu-b2-u2,,601,1,低保,,"), user=demo.community)
    household = Household.objects.get(unit__code="xinhong-nanlu-b2-u2", room="601")
    assert household.size == 1
    assert list(household.tags.values_list("tag", flat=True)) == ["low_income"]


def test_chinese_headers_in_xlsx_are_accepted(demo):
    book = Workbook()
    sheet = book.active
    sheet.append(["单元编码", "房号", "人口数", "标签", "原社区", "原村民小组"])
    sheet.append(["xinhong-nanlu-b2-u2", 803, 3, "残疾", "新鸿村", "一组"])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = table_rows_read(data=buffer.getvalue(), filename="households.xlsx", required=("room",), normalise=household_header)
    households_import(rows=rows, user=demo.community)
    household = Household.objects.get(unit__code="xinhong-nanlu-b2-u2", room="803")
    assert (household.size, str(household.origin)) == (3, "新鸿村一组")


def test_a_malformed_file_is_refused_with_row_numbers_and_nothing_is_imported(demo):
    before = snapshot()
    rows = rows_of(
        "xinhong-nanlu-b2-u2,,601,2,独居老人,新鸿村,一组",  # row 2: fine on its own
        "no-such-unit,,602,2,,,",  # row 3: unknown unit
        "xinhong-nanlu-b2-u2,,603,lots,,,",  # row 4: size is not a number
        "xinhong-nanlu-b2-u2,,604,2,富裕,,",  # row 5: unknown tag
        "xinhong-nanlu-b2-u2,,,2,,,",  # row 6: no room
        "xinhong-nanlu-b2-u2,,605,2,,,二组",  # row 7: a group without its community
        "xinhong-nanlu-b2-u2,,601,3,,,",  # row 8: the same room as row 2
        ",,606,1,,,",  # row 9: no unit at all
    )
    with pytest.raises(TreeImportError) as raised:
        households_import(rows=rows, user=demo.community)
    found = {(error.row, error.column) for error in raised.value.errors}
    assert found == {(3, "unit_code"), (4, "size"), (5, "tags"), (6, "room"), (7, "origin_community"), (8, "room"), (9, "unit_code")}
    assert "富裕" in str(raised.value)
    assert snapshot() == before


def test_a_household_outside_ones_community_is_refused(demo):
    before = snapshot()
    with pytest.raises(TreeImportError) as raised:
        households_import(rows=rows_of("hualin-a-b1-u1,,901,2,,,"), user=demo.community)
    assert [(error.row, error.column) for error in raised.value.errors] == [(2, "unit_code")]
    assert snapshot() == before


def test_street_staff_may_record_households_but_not_their_tags(demo):
    with pytest.raises(TreeImportError) as raised:
        households_import(rows=rows_of("xinhong-nanlu-b2-u2,,611,2,残疾,,"), user=demo.street)
    assert [(error.row, error.column) for error in raised.value.errors] == [(2, "tags")]
    assert households_import(rows=rows_of("xinhong-nanlu-b2-u2,,611,2,,,"), user=demo.street) == 1


def test_the_import_page_shows_the_row_numbers_and_imports_nothing(demo, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = snapshot()
    client.force_login(demo.community)
    data = ("\n".join([HEADER, "xinhong-nanlu-b2-u2,,621,2,,,", "xinhong-nanlu-b2-u2,,622,0,,,"]) + "\n").encode()
    response = client.post("/manage/households/import/", {"file": SimpleUploadedFile("h.csv", data, content_type="text/csv")})
    page = response.content.decode()
    assert response.status_code == 200 and "import-errors" in page
    assert "3" in page.split("import-errors")[1].split("</ul>")[0]
    assert snapshot() == before
    good = ("\n".join([HEADER, "xinhong-nanlu-b2-u2,,621,2,低保,,"]) + "\n").encode()
    response = client.post("/manage/households/import/", {"file": SimpleUploadedFile("h.csv", good, content_type="text/csv")})
    assert response.status_code == 302
    assert Household.objects.filter(unit__code="xinhong-nanlu-b2-u2", room="621", tags__tag="low_income").exists()


def test_another_community_staff_member_cannot_import_here(demo):
    outsider = make_staff(role=Role.COMMUNITY_STAFF, node=demo.hualin)
    with pytest.raises(TreeImportError):
        households_import(rows=rows_of("xinhong-nanlu-b2-u2,,631,2,,,"), user=outsider)


def test_the_command_imports_a_good_file_and_refuses_a_bad_one_with_row_numbers(demo, tmp_path):
    from django.core.management import CommandError, call_command

    good = tmp_path / "good.csv"
    good.write_text("\n".join([HEADER, "xinhong-nanlu-b2-u2,,641,3,,新鸿村,二组"]) + "\n", encoding="utf-8")
    call_command("import_households", str(good), stdout=io.StringIO())
    assert Household.objects.get(unit__code="xinhong-nanlu-b2-u2", room="641").origin.group_name == "二组"
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([HEADER, "xinhong-nanlu-b2-u2,,642,3,,,", "xinhong-nanlu-b2-u2,,643,100,,,"]) + "\n", encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError, match="3"):
        call_command("import_households", str(bad), stdout=io.StringIO())
    assert snapshot() == before


def test_a_malformed_xlsx_is_refused_with_row_numbers_and_nothing_is_imported(demo):
    book = Workbook()
    sheet = book.active
    sheet.append(["单元编码", "房号", "人口数", "标签"])
    sheet.append(["xinhong-nanlu-b2-u2", 651, 2, "独居老人"])
    sheet.append(["xinhong-nanlu-b2-u2", 652, 2.5, ""])  # row 3: not a whole number of people
    buffer = io.BytesIO()
    book.save(buffer)
    before = snapshot()
    rows = table_rows_read(data=buffer.getvalue(), filename="households.xlsx", required=("room",), normalise=household_header)
    with pytest.raises(TreeImportError) as raised:
        households_import(rows=rows, user=demo.community)
    assert [(error.row, error.column) for error in raised.value.errors] == [(3, "size")]
    assert snapshot() == before
