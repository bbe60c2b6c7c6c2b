"""A grid covers courtyards or single buildings; every row placed there carries its key, and its worker sees just that."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courtyards import grids
from courtyards import services as tree_services
from courtyards.models import Building, Courtyard, Grid, Household, Unit
from governance.accounts import permissions
from governance.accounts.choices import Role, ScopeLevel
from governance.accounts.models import RoleAssignment, User
from governance.requests.models import Request
from tests.base import make_request, make_staff, make_user
from tests.factories import building_make, courtyard_make, units_make

pytestmark = pytest.mark.django_db


def _grid(code: str) -> Grid:
    return Grid.objects.get(code=code)


def test_the_demo_grid_worker_holds_the_role_on_the_grid_and_its_courtyards_carry_the_key(demo):
    worker = User.objects.get(username="demo_grid")
    assert list(RoleAssignment.objects.filter(user=worker).values_list("role", "level", "grid__code")) == [
        (Role.GRID_WORKER, ScopeLevel.GRID, "xinhong-grid-1")
    ]
    first = _grid("xinhong-grid-1")
    assert set(first.courtyards.values_list("code", flat=True)) == {"xinhong-nanlu", "xinhuayuan"}
    assert not Unit.objects.filter(courtyard__code="xinhong-nanlu").exclude(grid=first).exists()
    assert not Unit.objects.filter(courtyard__code="shuanglin").exclude(grid=_grid("xinhong-grid-2")).exists()


def test_a_request_filed_in_a_covered_courtyard_takes_its_grid_and_one_above_a_courtyard_none(demo):
    inside = make_request(resident=demo.resident)  # 新鸿南路院落, in the first grid
    at_community = make_request(resident=demo.resident, place=demo.xinhong)
    assert inside.grid == _grid("xinhong-grid-1")
    assert at_community.grid_id is None


def test_a_grid_worker_sees_the_requests_of_their_grid_and_gets_404_for_one_outside(demo, client):
    worker = User.objects.get(username="demo_grid")
    inside = make_request(resident=demo.resident, title="新鸿南路院落路灯不亮")
    same_community = make_request(
        resident=make_user(home_unit=Unit.objects.filter(courtyard__code="shuanglin").first()), title="双林小区垃圾"
    )
    visible = set(permissions.visible(worker, Request.objects.all()).values_list("number", flat=True))
    assert inside.number in visible and same_community.number not in visible
    client.force_login(worker)
    page = client.get(reverse("requests:staff_detail", kwargs={"number": inside.number}))
    assert "新鸿南路院落路灯不亮" in page.content.decode()
    assert client.get(reverse("requests:staff_detail", kwargs={"number": same_community.number})).status_code == 404


def test_moving_a_courtyard_to_another_grid_moves_the_grid_key_of_its_rows(demo):
    request = make_request(resident=demo.resident)
    household = Household.objects.filter(courtyard__code="xinhong-nanlu").first()
    second, nanlu = _grid("xinhong-grid-2"), Courtyard.objects.get(code="xinhong-nanlu")
    changed = grids.grid_coverage_set(grid=second, courtyards=[nanlu, *second.courtyards.all()])
    assert changed == 1
    request.refresh_from_db(), household.refresh_from_db()
    assert request.grid == second and household.grid == second
    assert set(Building.objects.filter(courtyard=nanlu).values_list("grid", flat=True)) == {second.pk}
    worker = User.objects.get(username="demo_grid")
    assert not permissions.can(worker, permissions.Action.VIEW, request)


def test_a_courtyard_left_out_of_its_grid_takes_its_rows_out_too(demo):
    request = make_request(resident=demo.resident)
    first = _grid("xinhong-grid-1")
    grids.grid_coverage_set(grid=first, courtyards=Courtyard.objects.filter(code="xinhuayuan"))
    request.refresh_from_db()
    assert request.grid_id is None
    assert Courtyard.objects.get(code="xinhong-nanlu").grid_id is None


def test_a_building_taken_alone_by_another_grid_stays_there_when_its_courtyard_grid_is_saved_again(demo):
    first, second = _grid("xinhong-grid-1"), _grid("xinhong-grid-2")
    building = Building.objects.filter(courtyard__code="xinhong-nanlu").order_by("code").first()
    unit = building.units.first()
    resident = make_user(home_unit=unit)
    request = make_request(resident=resident)
    grids.grid_coverage_set(grid=second, courtyards=second.courtyards.all(), buildings=[building])
    request.refresh_from_db()
    assert request.grid == second
    grids.grid_coverage_set(grid=first, courtyards=first.courtyards.all())  # saved again, nothing changed
    request.refresh_from_db(), building.refresh_from_db()
    assert request.grid == second and building.grid == second
    others = Unit.objects.filter(courtyard__code="xinhong-nanlu").exclude(building=building)
    assert set(others.values_list("grid", flat=True)) == {first.pk}


def test_a_grid_covers_only_places_of_its_own_community_and_nothing_is_written_otherwise(demo):
    first = _grid("xinhong-grid-1")
    before = set(first.courtyards.values_list("code", flat=True))
    with pytest.raises(ValidationError):
        grids.grid_coverage_set(grid=first, courtyards=[*first.courtyards.all(), Courtyard.objects.get(code="hualin-a")])
    assert set(first.courtyards.values_list("code", flat=True)) == before
    assert Courtyard.objects.get(code="hualin-a").grid_id is None


def test_a_courtyard_moved_to_another_community_leaves_its_grid_with_its_rows(demo):
    courtyard = courtyard_make(community=demo.xinhong)
    unit = units_make(building=building_make(courtyard=courtyard), count=1)[0]
    grid = grids.grid_create(community=demo.xinhong, name="新鸿社区第三网格", code="xinhong-grid-3", courtyards=[courtyard])
    unit.refresh_from_db()
    request = make_request(resident=make_user(home_unit=unit))
    assert request.grid == grid
    tree_services.node_move(node=courtyard, parent=demo.hualin)
    request.refresh_from_db(), unit.refresh_from_db()
    assert request.grid_id is None and unit.grid_id is None
    assert request.community == demo.hualin


def test_a_new_building_in_a_covered_courtyard_is_in_its_grid(demo):
    building = building_make(courtyard=Courtyard.objects.get(code="xinhuayuan"))
    assert building.grid == _grid("xinhong-grid-1")


def test_the_grid_people_hold_the_role_on_the_grid_and_lose_it_when_replaced(demo):
    grid = _grid("xinhong-grid-2")
    worker, deputy, replacement = make_user(), make_user(), make_user()
    grids.grid_people_set(grid=grid, worker=worker, deputies=[deputy], by=demo.admin)
    held = RoleAssignment.objects.filter(role=Role.GRID_WORKER, level=ScopeLevel.GRID, grid=grid)
    assert set(held.values_list("user", flat=True)) == {worker.pk, deputy.pk}
    grids.grid_people_set(grid=grid, worker=replacement, deputies=[], by=demo.admin)
    assert set(held.values_list("user", flat=True)) == {replacement.pk}
    grid.refresh_from_db()
    assert grid.worker == replacement and not grid.deputies.exists()


def test_community_staff_cannot_make_anyone_a_grid_worker(demo):
    grid = _grid("xinhong-grid-2")
    with pytest.raises(ValidationError):
        grids.grid_people_set(grid=grid, worker=make_user(), by=demo.community)
    assert not RoleAssignment.objects.filter(level=ScopeLevel.GRID, grid=grid).exists()


def test_only_a_grid_worker_is_held_on_a_grid(demo):
    from governance.accounts import services as account_services

    with pytest.raises(ValidationError):
        account_services.role_grant(user=make_user(), role=Role.COMMUNITY_STAFF, node=_grid("xinhong-grid-2"))


def test_community_staff_are_offered_the_grid_worker_of_their_community_for_assignment(demo):
    from governance.requests import selectors

    worker = User.objects.get(username="demo_grid")
    outsider = make_staff(role=Role.GRID_WORKER, node=grids.grid_create(community=demo.hualin, name="华林网格", code="hualin-grid-1"))
    offered = set(selectors.assignable_users(user=demo.community))
    assert worker in offered and outsider not in offered
