"""Scoping, as each persona meets it in the pages, the admin and the API."""

import pytest

from courtyards.models import Community, HomeClaim, Unit
from governance.accounts import permissions
from governance.accounts.choices import Role
from governance.accounts.permissions import Action
from tests.base import make_staff

pytestmark = pytest.mark.django_db


def test_street_staff_see_the_communities_of_their_street_only(demo):
    visible = permissions.visible(demo.street, Community.objects.all())
    assert set(visible.values_list("name", flat=True)) == {"新鸿社区", "双桥路社区"}


def test_a_role_on_a_street_reaches_every_unit_under_it(demo):
    units = permissions.visible(demo.street, Unit.objects.all())
    assert units.count() == Unit.objects.filter(street=demo.shuangqiaozi).count() > 0
    assert not units.exclude(street=demo.shuangqiaozi).exists()


def test_can_and_visible_agree(demo):
    for community in Community.objects.all():
        in_scope = permissions.visible(demo.street, Community.objects.filter(pk=community.pk)).exists()
        assert permissions.can(demo.street, Action.VIEW, community) is in_scope


def test_community_staff_manage_but_social_workers_only_view(demo):
    assert permissions.can(demo.community, Action.MANAGE, demo.xinhong)
    assert permissions.can(demo.worker, Action.VIEW, demo.xinhong)
    assert not permissions.can(demo.worker, Action.MANAGE, demo.xinhong)


def test_residents_and_anonymous_see_no_staff_rows(demo, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.visible(demo.resident, Community.objects.all()).exists()
    assert not permissions.visible(AnonymousUser(), Unit.objects.all()).exists()


def test_a_resident_sees_their_own_claims_and_no_one_elses(demo):
    mine = permissions.visible(demo.resident, HomeClaim.objects.all())
    assert set(mine.values_list("user__username", flat=True)) == {"demo_resident"}


def test_street_staff_get_404_for_another_streets_community_page(client, demo):
    client.force_login(demo.street)
    assert client.get("/manage/communities/xinhong/").status_code == 200
    assert client.get("/manage/communities/hualin/").status_code == 404


def test_street_staff_get_404_for_another_streets_community_in_the_admin(client, demo):
    client.force_login(demo.street)
    changelist = client.get("/admin/courtyards/community/")
    assert changelist.status_code == 200
    assert "新鸿社区" in changelist.text and "华林社区" not in changelist.text
    assert client.get(f"/admin/courtyards/community/{demo.xinhong.pk}/change/").status_code == 200
    assert client.get(f"/admin/courtyards/community/{demo.hualin.pk}/change/").status_code == 404


def test_street_staff_get_404_for_another_streets_community_in_the_api(client, demo):
    client.force_login(demo.street)
    listing = client.get("/api/v1/communities/").json()
    assert {row["name"] for row in listing["results"]} == {"新鸿社区", "双桥路社区"}
    assert client.get("/api/v1/communities/xinhong/").status_code == 200
    assert client.get("/api/v1/communities/hualin/").status_code == 404


def test_a_street_officer_cannot_edit_another_streets_community_in_the_admin(client, demo):
    client.force_login(demo.street)
    response = client.post(f"/admin/courtyards/community/{demo.hualin.pk}/change/", {"name": "改名", "code": "hualin", "kind": "mature"})
    assert response.status_code == 404
    demo.hualin.refresh_from_db()
    assert demo.hualin.name == "华林社区"


def test_a_district_admin_reaches_every_street(demo):
    assert permissions.visible(demo.admin, Community.objects.all()).count() == Community.objects.count()


def test_personal_data_is_for_the_person_and_staff_over_their_home(demo):
    other_street = make_staff(role=Role.STREET_STAFF, node=demo.shengdeng)
    assert permissions.may_see_personal_data(demo.resident, demo.resident)
    assert permissions.may_see_personal_data(demo.community, demo.resident)
    assert not permissions.may_see_personal_data(demo.resident2, demo.resident)
    assert not permissions.may_see_personal_data(other_street, demo.resident)


def _scoped_requests(user):
    from governance.requests.models import Request

    return permissions.visible(user, Request.objects.all())


def test_a_scope_compares_with_the_held_node_ids_so_each_branch_has_its_index(demo):
    from tests.governance.requests.helpers import file_request

    inside = file_request(demo, title="本街道")
    outside = file_request(
        demo, resident=make_staff(node=demo.shengdeng), place=Unit.objects.filter(street=demo.shengdeng).first(), title="别的街道"
    )
    scoped = _scoped_requests(demo.street)
    where = str(scoped.query).split("WHERE", 1)[1]
    assert "SELECT" not in where and f'street_id" = {demo.shuangqiaozi.pk}' in where
    assert inside in scoped and outside not in scoped


def test_past_the_literal_limit_a_branch_uses_the_subquery_with_the_same_rows(demo, monkeypatch):
    from tests.governance.requests.helpers import file_request

    inside = file_request(demo, title="本街道")
    officer = make_staff(role=Role.COMMUNITY_STAFF, node=demo.xinhong)
    literal = set(_scoped_requests(officer).values_list("pk", flat=True))
    monkeypatch.setattr(permissions, "MAX_LITERAL_IDS", 0)
    officer = type(officer).objects.get(pk=officer.pk)  # fresh user object: roles re-read
    by_subquery = _scoped_requests(officer)
    assert "SELECT" in str(by_subquery.query).split("WHERE", 1)[1]
    assert set(by_subquery.values_list("pk", flat=True)) == literal and inside.pk in literal
