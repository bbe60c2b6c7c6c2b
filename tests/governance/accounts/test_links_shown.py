"""Issue 14, point 5: breadcrumbs and menus link only to pages the viewer may open; others read as plain names."""

import pytest

from governance.accounts.models import User

pytestmark = pytest.mark.django_db


def crumbs_of(client, user, url: str) -> str:
    client.force_login(user)
    html = client.get(url).content.decode()
    start = html.index('<p class="crumbs">')
    return html[start : html.index("</p>", start)]


def test_a_chair_reads_the_committee_list_as_a_name_and_staff_follow_it(client, demo):
    chair = User.objects.get(username="demo_chair")
    page = "/manage/committees/xinhong-safety-mediation/"

    chair_crumbs = crumbs_of(client, chair, page)
    assert "委员会与议事会" in chair_crumbs and 'href="/manage/committees/"' not in chair_crumbs

    assert 'href="/manage/committees/"' in crumbs_of(client, demo.community, page)


def test_community_staff_see_their_dashboard_without_links_to_the_street_and_district_they_cannot_open(client, demo):
    page = "/manage/reports/community/xinhong/"

    staff_crumbs = crumbs_of(client, demo.community, page)
    assert "双桥子街道" in staff_crumbs and "成华区" in staff_crumbs
    assert "/manage/reports/street/" not in staff_crumbs and "/manage/reports/district/" not in staff_crumbs

    admin_crumbs = crumbs_of(client, demo.admin, page)
    assert 'href="/manage/reports/street/shuangqiaozi/"' in admin_crumbs and 'href="/manage/reports/district/chenghua/"' in admin_crumbs


def test_a_grid_worker_of_a_community_without_grids_is_offered_no_patrol_to_log(client, demo):
    client.force_login(User.objects.get(username="trainee_02"))  # 双桥路社区 has no grid in the seed
    assert client.get("/work/grid/patrols/log/").status_code == 404
    for page in ("/", "/manage/", "/work/grid/patrols/", "/work/grid/visits/"):
        html = client.get(page).content.decode()
        assert "/work/grid/patrols/log/" not in html and "/work/grid/visits/log/" not in html, page

    client.force_login(User.objects.get(username="demo_grid"))
    assert 'href="/work/grid/patrols/log/"' in client.get("/").content.decode()
