"""Street staff bring their territory in from a spreadsheet; a bad file changes nothing."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from courtyards.importer import TreeImportError, tree_import, tree_rows_read
from courtyards.models import Building, Community, Courtyard, Unit

pytestmark = pytest.mark.django_db

HEADER = "district_code,street_code,community_code,community_name,community_kind,courtyard_code,courtyard_name,courtyard_kind,building_code,building_name,unit_code,unit_name"


def csv_bytes(*rows: str) -> bytes:
    return ("\ufeff" + "\n".join([HEADER, *rows]) + "\n").encode("utf-8")


def counts():
    return Community.objects.count(), Courtyard.objects.count(), Building.objects.count(), Unit.objects.count()


def test_a_good_csv_adds_a_community_under_an_existing_street(demo):
    data = csv_bytes(
        "chenghua,shuangqiaozi,t-jinxiu,锦绣社区,成熟,t-jx-1,锦绣一院,院落,t-jx-1-b1,1栋,t-jx-1-b1-u1,1单元",
        "chenghua,shuangqiaozi,t-jinxiu,锦绣社区,,t-jx-1,锦绣一院,,t-jx-1-b1,1栋,t-jx-1-b1-u2,2单元",
    )
    summary = tree_import(rows=tree_rows_read(data=data, filename="tree.csv"))
    assert summary.rows == 2
    unit = Unit.objects.get(code="t-jx-1-b1-u2")
    assert (unit.street.code, unit.community.name, unit.community.kind) == ("shuangqiaozi", "锦绣社区", "mature")
    assert unit.address == "锦绣社区锦绣一院1栋2单元"


def test_chinese_headers_and_xlsx_are_accepted(demo):
    book = Workbook()
    sheet = book.active
    sheet.append(["区编码", "街道编码", "社区编码", "社区名称", "社区类型"])
    sheet.append(["chenghua", "longtan", "t-xinhe", "新河社区", "涉农社区"])
    buffer = io.BytesIO()
    book.save(buffer)
    tree_import(rows=tree_rows_read(data=buffer.getvalue(), filename="tree.xlsx"))
    assert Community.objects.get(code="t-xinhe").kind == "agricultural"


def test_a_malformed_file_is_refused_with_row_numbers_and_nothing_changes(demo):
    before = counts()
    data = csv_bytes(
        "chenghua,shuangqiaozi,t-ok,好社区,成熟,,,,,,,",  # row 2: fine on its own
        "chenghua,shuangqiaozi,t-bad kind,坏社区,成熟,,,,,,,",  # row 3: a space in the code
        "chenghua,shuangqiaozi,t-two,二社区,火星社区,,,,,,,",  # row 4: unknown kind
        "chenghua,no-such-street,t-three,三社区,成熟,,,,,,,",  # row 5: unknown street without a name
        "chenghua,shuangqiaozi,xinhong,别的名字,,,,,,,,",  # row 6: renames an existing community
        "chenghua,shuangqiaozi,,,,t-orphan,孤院,,,,,",  # row 7: a courtyard without a community
        "chenghua,shuangqiaozi,t-dup,新鸿社区,成熟,,,,,,,",  # row 8: a sibling's name with another code
    )
    with pytest.raises(TreeImportError) as raised:
        tree_import(rows=tree_rows_read(data=data, filename="tree.csv"))
    rows = sorted({error.row for error in raised.value.errors})
    assert rows == [3, 4, 5, 6, 7, 8]
    messages = "\n".join(str(error) for error in raised.value.errors)
    assert "row 3" in messages or "第 3 行" in messages
    assert counts() == before
    assert not Community.objects.filter(code="t-ok").exists()


def test_an_unreadable_file_is_refused_clearly(demo):
    with pytest.raises(TreeImportError) as raised:
        tree_rows_read(data=b"\x89PNG\r\n\x1a\n\x00\x00", filename="tree.xlsx")
    assert "XLSX" in str(raised.value)
    with pytest.raises(TreeImportError):
        tree_rows_read(data=b"name,kind\nx,y\n", filename="tree.csv")


def test_the_command_reports_row_numbers_and_writes_nothing(demo, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes("chenghua,shuangqiaozi,t-c1,某社区,不存在的类型,,,,,,,"))
    before = counts()
    with pytest.raises(CommandError, match="2"):
        call_command("import_tree", str(bad))
    assert counts() == before
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes("chenghua,shuangqiaozi,t-c2,某社区,成熟,,,,,,,"))
    call_command("import_tree", str(good), stdout=io.StringIO())
    assert Community.objects.filter(code="t-c2").exists()


def test_the_admin_import_shows_errors_and_street_staff_cannot_import_into_another_street(client, demo):
    client.force_login(demo.street)
    other_street = csv_bytes("chenghua,shengdeng,t-sd,圣灯新社区,成熟,,,,,,,")
    upload = io.BytesIO(other_street)
    upload.name = "tree.csv"
    page = client.post("/admin/courtyards/district/import/", {"file": upload})
    assert page.status_code == 200
    assert "圣灯街道" in page.text and "t-sd" not in Community.objects.values_list("code", flat=True)
    own_street = io.BytesIO(csv_bytes("chenghua,shuangqiaozi,t-sq,双桥新社区,成熟,,,,,,,"))
    own_street.name = "tree.csv"
    assert client.post("/admin/courtyards/district/import/", {"file": own_street}).status_code == 302
    assert Community.objects.get(code="t-sq").street == demo.shuangqiaozi
