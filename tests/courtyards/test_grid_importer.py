"""Street offices bring their grids in from a spreadsheet; the grid key of every row placed there follows; a bad file changes nothing."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from courtyards import tree_registry
from courtyards.grid_importer import grid_import, grid_rows_read
from courtyards.importer import TreeImportError
from courtyards.models import Courtyard, Grid, Unit
from governance.accounts.choices import Role, ScopeLevel
from governance.accounts.models import RoleAssignment, User
from governance.requests.models import Request
from tests.base import make_request, make_staff, make_user
from tests.factories import building_make, courtyard_make, units_make

pytestmark = pytest.mark.django_db

HEADER = "grid_code,grid_name,community_code,courtyard_code,building_code,worker,deputies"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\ufeff" + "\n".join([header, *rows]) + "\n").encode("utf-8")


def run(*rows: str, user=None, header: str = HEADER):
    return grid_import(rows=grid_rows_read(data=csv_bytes(*rows, header=header), filename="grids.csv"), user=user)


def grid_keys_under(courtyard) -> dict[str, set]:
    """model label -> the grid keys of its rows placed in `courtyard` (every registered model with rows there)."""
    found = {}
    for entry in tree_registry.registered():
        column = entry.columns().get("grid")
        under = entry.under("courtyard", courtyard.pk)
        if column and under is not None:
            keys = set(entry.model._base_manager.filter(under).values_list(column, flat=True))
            if keys:
                found[entry.model._meta.label] = keys
    return found


def every_grid_key() -> dict[str, list]:
    return {
        entry.model._meta.label: sorted(entry.model._base_manager.values_list("pk", entry.columns()["grid"]))
        for entry in tree_registry.registered()
        if "grid" in entry.columns()
    }


def test_a_good_csv_creates_a_grid_and_the_rows_placed_there_take_its_key(demo):
    shuanglin = Courtyard.objects.get(code="shuanglin")
    request = make_request(resident=make_user(home_unit=Unit.objects.filter(courtyard=shuanglin).first()))
    deputy = make_user(username="deputy_li", display_name="李副")
    summary = run(f"xinhong-grid-3,新鸿社区第三网格,xinhong,shuanglin,,13800000007,deputy_li;{demo.worker.phone}")
    grid = Grid.objects.get(code="xinhong-grid-3")
    assert (summary.rows, summary.created, summary.places_moved) == (1, 1, 1)
    assert (grid.name, grid.community, grid.worker.username) == ("新鸿社区第三网格", demo.xinhong, "demo_grid")
    assert set(grid.deputies.all()) == {deputy, demo.worker}
    request.refresh_from_db()
    assert request.grid == grid
    assert set(Unit.objects.filter(courtyard=shuanglin).values_list("grid", flat=True)) == {grid.pk}
    assert RoleAssignment.objects.filter(user=deputy, role=Role.GRID_WORKER, level=ScopeLevel.GRID, grid=grid).exists()
    assert Grid.objects.get(code="xinhong-grid-2").courtyards.count() == 0  # shuanglin left it


def test_an_xlsx_file_with_chinese_headers_covers_a_building_alone(demo):
    courtyard = courtyard_make(community=demo.xinhong)
    alone, rest = building_make(courtyard=courtyard), building_make(courtyard=courtyard)
    unit, other_unit = units_make(building=alone, count=1)[0], units_make(building=rest, count=1)[0]
    book = Workbook()
    book.active.append(["网格编码", "网格名称", "社区编码", "院落编码", "楼栋编码", "网格员手机号/账号", "副网格员"])
    book.active.append(["t-grid-b", "新鸿社区楼栋网格", "xinhong", courtyard.code, alone.code, "demo_grid", None])
    buffer = io.BytesIO()
    book.save(buffer)
    grid_import(rows=grid_rows_read(data=buffer.getvalue(), filename="网格.xlsx"))
    grid = Grid.objects.get(code="t-grid-b")
    assert list(grid.buildings.all()) == [alone]
    assert Unit.objects.get(pk=unit.pk).grid == grid
    assert Unit.objects.get(pk=other_unit.pk).grid is None


def test_a_malformed_file_is_refused_with_row_numbers_and_nothing_changes(demo):
    grids_before, keys_before = list(Grid.objects.values_list("code", "worker", "name")), every_grid_key()
    with pytest.raises(TreeImportError) as raised:
        run(
            "t-ok,好网格,xinhong,xinhuayuan,,,",  # row 2: fine on its own
            "t-bad code,坏网格,xinhong,xinhong-nanlu,,,",  # row 3: a space in the code
            "t-two,二网格,no-such,xinhong-nanlu,,,",  # row 4: unknown community
            "t-two,二网格,xinhong,shuangqiao-1,,,",  # row 5: a courtyard of another community
            "t-three,三网格,xinhong,xinhuayuan,,,",  # row 6: claimed by t-ok in row 2
            "t-four,四网格,xinhong,shuanglin,,nobody-at-all,",  # row 7: unknown worker
            "t-five,五网格,xinhong,shuanglin,no-such-building,,",  # row 8: unknown building
            "t-six,六网格,xinhong,no-such-courtyard,,,",  # row 9: unknown courtyard
            "t-seven,,xinhong,shuanglin,,,",  # row 10: a new grid without a name
            "t-eight,新鸿社区第一网格,xinhong,shuanglin,,,",  # row 11: another grid's name
        )
    errors = {(error.row, error.column) for error in raised.value.errors}
    assert errors == {
        (3, "grid_code"),
        (4, "community_code"),
        (5, "courtyard_code"),
        (6, "courtyard_code"),
        (7, "worker"),
        (8, "building_code"),
        (9, "courtyard_code"),
        (10, "grid_name"),
        (11, "grid_name"),
    }
    text = str(raised.value)
    assert "第 6 行" in text and "t-ok" in text and "nobody-at-all" in text
    assert list(Grid.objects.values_list("code", "worker", "name")) == grids_before
    assert every_grid_key() == keys_before


def test_re_import_moving_a_courtyard_to_another_grid_moves_its_rows_grid_key(demo):
    from tests.courtyards.tree_rows import rows_make_under

    xinhuayuan = Courtyard.objects.get(code="xinhuayuan")
    rows_make_under(demo, xinhuayuan)
    second = Grid.objects.get(code="xinhong-grid-2")
    xinhuayuan.refresh_from_db()  # the rows made there drew a grid of their own over it
    assert grid_keys_under(xinhuayuan)["requests.Request"] == {xinhuayuan.grid_id} != {second.pk}
    summary = run(
        "xinhong-grid-1,,xinhong,xinhong-nanlu,,,",
        "xinhong-grid-2,,xinhong,shuanglin,,,",
        "xinhong-grid-2,,xinhong,xinhuayuan,,,",
    )
    assert (summary.created, summary.changed, summary.places_moved) == (0, 2, 1)  # 新华苑院落, from the rows' own grid
    keys = grid_keys_under(xinhuayuan)
    assert {"requests.Request", "activities.Activity", "courtyards.Household", "courtyards.Unit"} <= set(keys)
    assert all(found == {second.pk} for found in keys.values()), keys
    assert Grid.objects.get(code="xinhong-grid-1").worker.username == "demo_grid"  # no people given: kept


def test_a_street_officer_imports_coverage_but_gives_no_role(demo):
    with pytest.raises(TreeImportError) as raised:
        run("xinhong-grid-2,,xinhong,shuanglin,,13800000007,", user=demo.street)
    assert [(error.row, error.column) for error in raised.value.errors] == [(2, "worker")]
    assert not RoleAssignment.objects.filter(user__username="demo_grid", grid__code="xinhong-grid-2").exists()
    run("xinhong-grid-2,,xinhong,shuanglin,,,", "xinhong-grid-2,,xinhong,xinhuayuan,,,", user=demo.street)
    assert Courtyard.objects.get(code="xinhuayuan").grid.code == "xinhong-grid-2"


def test_a_street_officer_may_repeat_the_people_a_grid_already_has(demo):
    run(
        "xinhong-grid-1,,xinhong,xinhong-nanlu,,13800000007,demo_worker、demo_grid",
        "xinhong-grid-1,,xinhong,xinhuayuan,,,",
        user=demo.street,
    )
    grid = Grid.objects.get(code="xinhong-grid-1")
    assert (grid.worker.username, [person.username for person in grid.deputies.all()]) == ("demo_grid", ["demo_worker"])


def test_a_street_officer_cannot_touch_another_streets_grids_and_an_admin_gives_roles(demo):
    with pytest.raises(TreeImportError) as raised:
        run("t-hualin,华林网格,hualin,hualin-a,,,", user=demo.street)
    assert [(error.row, error.column) for error in raised.value.errors] == [(2, "community_code")]
    assert not Grid.objects.filter(code="t-hualin").exists()
    run("t-hualin,华林网格,hualin,hualin-a,,13800000007,", user=demo.admin)
    assert RoleAssignment.objects.filter(user__username="demo_grid", grid__code="t-hualin").exists()


def test_a_community_officer_may_not_give_a_role_either(demo):
    officer = make_staff(role=Role.COMMUNITY_STAFF, node=demo.xinhong)
    with pytest.raises(TreeImportError):
        run(f"xinhong-grid-2,,xinhong,shuanglin,,{officer.username},", user=officer)
    assert Grid.objects.get(code="xinhong-grid-2").worker is None


def test_a_grid_with_different_people_on_two_rows_is_refused(demo):
    with pytest.raises(TreeImportError) as raised:
        run("t-g,网格,xinhong,shuanglin,,demo_grid,", "t-g,网格,xinhong,xinhuayuan,,demo_worker,")
    assert [(error.row, error.column) for error in raised.value.errors] == [(3, "worker")]


def test_the_command_imports_a_file_and_refuses_a_bad_one(demo, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_bytes("xinhong-grid-2,,xinhong,shuanglin,,demo_worker,"))
    bad.write_bytes(csv_bytes("xinhong-grid-2,,xinhong,nowhere,,,"))
    out = io.StringIO()
    call_command("grid_import", str(good), stdout=out)
    assert "1 rows" in out.getvalue()
    assert Grid.objects.get(code="xinhong-grid-2").worker == User.objects.get(username="demo_worker")
    with pytest.raises(CommandError, match="2"):
        call_command("grid_import", str(bad))


def test_the_admin_import_page_reports_rows_and_imports_a_good_file(demo, client):
    client.force_login(demo.admin)
    bad = io.BytesIO(csv_bytes("xinhong-grid-2,,xinhong,nowhere,,,"))
    bad.name = "grids.csv"
    page = client.post("/admin/courtyards/grid/import/", {"file": bad}).content.decode()
    assert "nowhere" in page and Courtyard.objects.get(code="shuanglin").grid.code == "xinhong-grid-2"
    good = io.BytesIO(csv_bytes("xinhong-grid-2,,xinhong,xinhuayuan,,,"))
    good.name = "grids.csv"
    response = client.post("/admin/courtyards/grid/import/", {"file": good})
    assert response.status_code == 302
    assert Courtyard.objects.get(code="xinhuayuan").grid.code == "xinhong-grid-2"
    assert Courtyard.objects.get(code="shuanglin").grid is None
    assert Request.objects.filter(courtyard__code="xinhuayuan").exclude(grid__code="xinhong-grid-2").count() == 0


def test_the_example_in_the_docs_imports_as_it_says(demo):
    from pathlib import Path

    from django.conf import settings

    section = (Path(settings.BASE_DIR) / "docs" / "field-work.md").read_text().split("## 网格与导入")[1]
    example = section.split("```")[1].strip()
    grid_import(rows=grid_rows_read(data=example.encode(), filename="grids.csv"))
    first, second = Grid.objects.get(code="xinhong-grid-1"), Grid.objects.get(code="xinhong-grid-2")
    assert set(first.buildings.values_list("code", flat=True)) >= {"xinhuayuan-b1", "xinhuayuan-b2"}
    assert Unit.objects.get(code="xinhuayuan-b3-u1").grid == second
    assert Unit.objects.get(code="xinhuayuan-b1-u1").grid == first
    assert Courtyard.objects.get(code="xinhuayuan").grid is None  # split between the two grids
    assert {person.username for person in first.deputies.all()} == {"demo_worker", "demo_chair"}
