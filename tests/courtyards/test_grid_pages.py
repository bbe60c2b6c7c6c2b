"""Staff see the grids of their area: what each covers, who works it, its open requests; a grid worker sees only their grid."""

import pytest
from django.urls import reverse

from courtyards import grids
from courtyards.models import Courtyard, Grid, Unit
from governance.accounts.choices import Role
from governance.accounts.models import User
from tests.base import make_request, make_staff, make_user, queries_of
from tests.factories import building_make, courtyard_make

pytestmark = pytest.mark.django_db

GRIDS = reverse("courtyards:grid_list")


def request_in(courtyard_code: str, title: str):
    unit = Unit.objects.filter(courtyard__code=courtyard_code).order_by("code").first()
    return make_request(resident=make_user(home_unit=unit), title=title)


def grid_of_hualin():
    return grids.grid_create(community=Courtyard.objects.get(code="hualin-a").community, name="华林社区第一网格", code="hualin-grid-1",
                             courtyards=Courtyard.objects.filter(code="hualin-a"))  # fmt: skip


def test_a_grid_worker_sees_a_request_inside_their_grid_and_gets_404_outside(demo, client):
    inside, outside = request_in("xinhong-nanlu", "院内路灯不亮"), request_in("shuanglin", "双林小区垃圾堆放")
    client.force_login(User.objects.get(username="demo_grid"))
    page = client.get(reverse("requests:staff_detail", kwargs={"number": inside.number}))
    assert page.status_code == 200 and "院内路灯不亮" in page.content.decode()
    assert client.get(reverse("requests:staff_detail", kwargs={"number": outside.number})).status_code == 404


def test_a_street_officer_sees_their_streets_grids_and_not_another_streets(demo, client):
    grid_of_hualin()
    client.force_login(demo.street)
    assert f'href="{GRIDS}"' in client.get(reverse("courtyards:manage")).content.decode()
    page = client.get(GRIDS).content.decode()
    assert "新鸿社区第一网格" in page and "新鸿社区第二网格" in page and "新鸿南路院落" in page
    assert "华林社区第一网格" not in page
    client.force_login(make_staff(node=demo.shengdeng))
    page = client.get(GRIDS).content.decode()
    assert "华林社区第一网格" in page and "新鸿社区第一网格" not in page


def test_a_grid_worker_sees_only_their_grid(demo, client):
    client.force_login(User.objects.get(username="demo_grid"))
    page = client.get(GRIDS).content.decode()
    assert "新鸿社区第一网格" in page and "新鸿社区第二网格" not in page


def test_the_community_page_links_to_its_grids_which_show_open_requests_per_grid(demo, client):
    request_in("shuanglin", "双林小区垃圾堆放")
    client.force_login(demo.community)
    community_page = client.get(reverse("courtyards:manage_community", kwargs={"code": "xinhong"})).content.decode()
    assert f"{GRIDS}?community=xinhong" in community_page
    page = client.get(GRIDS, {"community": "xinhong"}).content.decode()
    from governance.requests.choices import OPEN_STATUSES
    from governance.requests.models import Request

    for grid in Grid.objects.filter(community=demo.xinhong):
        expected = Request.objects.filter(grid=grid, status__in=OPEN_STATUSES).count()
        row = page.split(f'id="grid-{grid.code}"')[1].split("</tr>")[0]
        assert f"<td>{expected}</td>" in row, (grid.code, expected)
    assert Request.objects.filter(grid__code="xinhong-grid-2", status__in=OPEN_STATUSES).count() >= 1


def test_names_in_full_only_to_those_who_manage_the_grid_or_may_see_the_person(demo, client):
    client.force_login(demo.community)
    page = client.get(GRIDS).content.decode()
    assert "网格员 陈刚" in page and "13800000007" in page and "社工 李晓燕" in page
    client.force_login(User.objects.get(username="demo_grid"))
    page = client.get(GRIDS).content.decode()
    assert "李晓燕" not in page and "社*****" in page  # the deputy, masked for a fellow worker


def test_the_grid_list_costs_the_same_queries_with_few_grids_or_many(demo, client):
    client.force_login(demo.street)
    few = queries_of(client, GRIDS)
    shuangqiao = Courtyard.objects.get(code="shuangqiao-1").community
    for n in range(4):
        courtyard = courtyard_make(community=shuangqiao)
        grids.grid_create(
            community=shuangqiao, name=f"双桥路第{n}网格", code=f"t-sq-{n}", worker=make_user(), deputies=[make_user(), make_user()],
            courtyards=[courtyard], buildings=[building_make(courtyard=Courtyard.objects.get(code="shuangqiao-2"), name="测试楼")] if n == 0 else [],
        )  # fmt: skip
    request_in("shuangqiao-1", "路面破损")
    many = queries_of(client, GRIDS)
    assert few == many
    page = client.get(GRIDS).content.decode()
    assert "双桥路第3网格" in page and "双桥路二号院测试楼" in page


def test_a_role_held_on_one_courtyard_does_not_list_the_grid_around_it(demo, client):
    worker = make_staff(role=Role.GRID_WORKER, node=Courtyard.objects.get(code="hualin-a"))
    grid_of_hualin()
    client.force_login(worker)
    assert "华林社区第一网格" not in client.get(GRIDS).content.decode()
