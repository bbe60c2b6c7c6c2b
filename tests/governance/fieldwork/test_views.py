"""The phone pages of patrols and visits, and their lists as each person sees them."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.accounts.choices import Role
from governance.fieldwork.models import Patrol, Visit
from tests.base import make_staff

from .helpers import courtyard, grid_one, grid_two, grid_worker, patrol, unit_of, visit, worker_of_grid_two

pytestmark = pytest.mark.django_db


def patrol_post(**overrides) -> dict:
    data = {
        "grid": "xinhong-grid-1",
        "idempotency_key": str(uuid.uuid4()),
        "started_at": "2026-12-01T09:00",
        "ended_at": "2026-12-01T09:45",
        "courtyards": ["xinhong-nanlu", "xinhuayuan"],
        "checks": ["safety", "sanitation"],
        "note": "楼道堆物已清理",
        "route": '[[30.6551, 104.1048, "2026-12-01T09:05:00Z"]]',
    }
    return {**data, **overrides}


def test_the_patrol_page_shows_the_grids_courtyards_and_checks(demo, client):
    client.force_login(grid_worker())
    page = client.get(reverse("fieldwork:patrol_log")).content.decode()
    assert "巡查登记" in page and "新鸿社区第一网格" in page
    assert "新鸿南路院落" in page and "新华苑院落" in page and "双林小区院落" not in page
    assert "消防通道" in page and "添加照片" in page and "记录位置" in page
    assert 'capture="environment"' in page and "data-draft-key" in page


def test_the_grid_worker_logs_a_patrol_from_the_phone(demo, client):
    client.force_login(grid_worker())
    data = patrol_post()
    response = client.post(reverse("fieldwork:patrol_log"), data)
    row = Patrol.objects.get(idempotency_key=data["idempotency_key"])
    assert response.status_code == 302 and str(row.code) in response["Location"]
    assert row.checks == ["safety", "sanitation"] and len(row.route) == 1
    assert sorted(row.covered.values_list("courtyard__code", flat=True)) == ["xinhong-nanlu", "xinhuayuan"]
    page = client.get(response["Location"]).content.decode()
    assert "楼道堆物已清理" in page and "安全隐患" in page and "data-draft-clear" in page


def test_a_resubmitted_draft_makes_one_patrol(demo, client):
    client.force_login(grid_worker())
    data = patrol_post()
    first = client.post(reverse("fieldwork:patrol_log"), data)
    second = client.post(reverse("fieldwork:patrol_log"), data)
    assert first["Location"] == second["Location"]
    assert Patrol.objects.filter(idempotency_key=data["idempotency_key"]).count() == 1


def test_an_out_of_grid_courtyard_is_refused_with_a_message(demo, client):
    client.force_login(grid_worker())
    before = Patrol.objects.count()
    response = client.post(reverse("fieldwork:patrol_log"), patrol_post(courtyards=["shuanglin"]))
    assert response.status_code == 200 and "双林小区院落" not in response.context["form"].fields["courtyards"].queryset.values_list(
        "name", flat=True
    )
    assert "courtyards" in response.context["form"].errors
    assert Patrol.objects.count() == before


@pytest.mark.parametrize("who", ["other_grid", "resident"])
def test_others_get_404_and_nothing_is_written(demo, client, who):
    client.force_login(worker_of_grid_two() if who == "other_grid" else demo.resident)
    patrols, visits = Patrol.objects.count(), Visit.objects.count()
    visit_data = {"grid": "xinhong-grid-1", "idempotency_key": str(uuid.uuid4()), "unit": unit_of(grid_one()).pk, "room": "1"}
    assert client.post(reverse("fieldwork:patrol_log"), patrol_post()).status_code == 404
    assert (
        client.post(reverse("fieldwork:visit_log"), {**visit_data, "visited_at": "2026-12-01T09:00", "purpose": "routine"}).status_code
        == 404
    )
    assert (Patrol.objects.count(), Visit.objects.count()) == (patrols, visits)


def test_the_other_grids_worker_is_shown_their_own_grid_only(demo, client):
    client.force_login(worker_of_grid_two())
    page = client.get(reverse("fieldwork:patrol_log")).content.decode()
    assert "新鸿社区第二网格" in page and "双林小区院落" in page and "新鸿南路院落" not in page


def test_a_resident_gets_404_on_every_page(demo, client):
    client.force_login(demo.resident)
    for name in ("patrol_log", "patrol_list", "visit_log", "visit_list"):
        assert client.get(reverse(f"fieldwork:{name}")).status_code == 404


def test_the_grid_worker_logs_a_visit_by_building_unit_and_room(demo, client):
    client.force_login(grid_worker())
    unit = unit_of(grid_one())
    data = {
        "grid": "xinhong-grid-1",
        "idempotency_key": str(uuid.uuid4()),
        "unit": unit.pk,
        "room": "606",
        "visited_at": "2026-12-02T15:00",
        "purpose": "care",
        "findings": "老人腿脚不便",
        "follow_up": "联系社工",
        "follow_up_due": "2026-12-09",
    }
    response = client.post(reverse("fieldwork:visit_log"), data)
    assert response.status_code == 302
    client.post(reverse("fieldwork:visit_log"), data)  # the draft sent again
    row = Visit.objects.get(idempotency_key=data["idempotency_key"])
    assert (row.household.unit, row.household.room, row.purpose) == (unit, "606", "care")
    page = client.get(response["Location"]).content.decode()
    assert "老人腿脚不便" in page and "特殊人群关爱" in page


def test_the_household_search_fills_in_the_visit_form(demo, client):
    household = visit(room="5501").household
    client.force_login(grid_worker())
    found = client.get(reverse("fieldwork:visit_log"), {"q": "5501"})
    assert list(found.context["found"]) == [household]
    picked = client.get(reverse("fieldwork:visit_log"), {"household": household.pk})
    assert picked.context["form"].initial["room"] == "5501"


# --- lists: in scope present, out of scope absent; the cost does not grow with the rows ------------


def test_community_staff_see_the_grids_patrols_and_visits_others_do_not(demo, client):
    mine = patrol(note="一网格的巡查")
    theirs = patrol(worker=worker_of_grid_two(), grid=grid_two(), courtyards=[courtyard("shuanglin")], note="二网格的巡查")
    hualin_staff = make_staff(role=Role.COMMUNITY_STAFF, node=demo.hualin)
    client.force_login(demo.community)
    listed = client.get(reverse("fieldwork:patrol_list")).context["page"].object_list
    assert mine in listed and theirs in listed
    client.force_login(grid_worker())
    listed = client.get(reverse("fieldwork:patrol_list")).context["page"].object_list
    assert mine in listed and theirs not in listed
    client.force_login(hualin_staff)
    listed = client.get(reverse("fieldwork:patrol_list")).context["page"].object_list
    assert mine not in listed and theirs not in listed
    assert client.get(reverse("fieldwork:patrol_detail", args=[mine.code])).status_code == 404


def test_visits_are_listed_in_scope_only(demo, client):
    mine = visit(findings="一网格")
    client.force_login(demo.community)
    assert mine in client.get(reverse("fieldwork:visit_list")).context["page"].object_list
    client.force_login(worker_of_grid_two())
    assert mine not in client.get(reverse("fieldwork:visit_list")).context["page"].object_list
    assert client.get(reverse("fieldwork:visit_detail", args=[mine.code])).status_code == 404


def count_queries(client, url) -> int:
    client.get(url)  # warm the per-process caches, which are not per-row costs
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def rows_to(model, n: int, make) -> None:
    for _ in range(n - model.objects.filter(grid=grid_one()).count()):
        make()


@pytest.mark.parametrize("name", ["patrol_list", "visit_list"])
def test_the_lists_cost_the_same_with_5_and_50_rows(demo, client, name):
    model, make = (Patrol, patrol) if name == "patrol_list" else (Visit, visit)
    Patrol.objects.all().delete() if model is Patrol else Visit.objects.all().delete()
    client.force_login(demo.community)
    url = reverse(f"fieldwork:{name}")
    rows_to(model, 5, make)
    five = count_queries(client, url)
    rows_to(model, 50, make)
    assert count_queries(client, url) == five
    assert len(client.get(url).context["page"].object_list) == 50
