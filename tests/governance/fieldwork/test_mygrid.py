"""我的网格: the grid worker's page shows their grid's day and nothing of another grid; its queries do not grow."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from courtyards import services as tree_services
from courtyards.models import Building, Courtyard, Household, Unit
from governance.accounts.models import User
from governance.fieldwork.models import FieldEvent
from governance.requests import services as request_services
from governance.requests.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid_worker(demo) -> User:
    return User.objects.get(username="demo_grid")


def my_grid(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/work/grid/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    return response.content.decode()


def figure(page: str, name: str) -> int:
    return int(page.split(f'data-figure="{name}">', 1)[1].split("<", 1)[0])


def test_my_grid_shows_the_grid_s_courtyards_buildings_tasks_and_case_files_and_nothing_of_another_grid(demo, grid_worker):
    nanlu = Courtyard.objects.get(code="xinhong-nanlu")
    filed = request_services.request_submit(
        resident=demo.resident, category=Category.objects.get(code="facilities"), place=nanlu, title="单元门禁坏了", text="门禁刷不开"
    )
    request_services.request_assign(request=filed, by=demo.community, assignee=grid_worker)
    page = my_grid(grid_worker)
    assert "我的网格" in page and "新鸿社区第一网格" in page
    assert "新鸿南路院落" in page and "新华苑院落" in page
    assert "双林小区院落" not in page, "another grid's courtyard is absent"
    for building in Building.objects.filter(grid__code="xinhong-grid-1"):
        assert f"{building.courtyard.name} {building.name}" in page
    assert not any(f"{b.courtyard.name} {b.name}" in page for b in Building.objects.filter(courtyard__code="shuanglin"))
    assert filed.number in page and "单元门禁坏了" in page, "today's task: the request assigned to me"
    assert "何**" in page and "何素珍" not in page, "the case file granted to the worker, its name masked"
    seeded = FieldEvent.objects.filter(grid__code="xinhong-grid-1").count()
    assert figure(page, "events-week") == seeded > 0
    assert figure(page, "events-on-spot") == FieldEvent.objects.filter(grid__code="xinhong-grid-1", resolved_on_spot=True).count() > 0
    assert "巡查登记" in page or "上报事件" in page


def test_a_grid_worker_lands_on_my_grid_after_signing_in(demo, grid_worker, client):
    from tests.base import DEMO_PASSWORD

    response = client.post("/accounts/login/", {"username": "demo_grid", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/work/grid/"
    other = Client().post("/accounts/login/", {"username": "demo_resident", "password": DEMO_PASSWORD})
    assert other["Location"] == "/"


def _grow(demo, n: int) -> None:
    """n more requests and households in the grid (one building of 新华苑院落)."""
    unit = Unit.objects.filter(grid__code="xinhong-grid-1").order_by("pk").first()
    category = Category.objects.get(code="facilities")
    for i in range(n):
        request_services.request_submit(resident=demo.resident, category=category, place=unit, title=f"路灯{i}", text="路灯不亮")
        tree_services.household_get_or_create(unit=unit, room=f"9{i:02d}")


def test_my_grid_reads_the_same_number_of_queries_with_5_or_50_requests_and_households(demo, grid_worker):
    counts = []
    for n in (5, 45):
        _grow(demo, n)
        my_grid(grid_worker)  # warm: sessions, caches
        with CaptureQueriesContext(connection) as queries:
            my_grid(grid_worker)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert Household.objects.filter(grid__code="xinhong-grid-1").count() >= 50
