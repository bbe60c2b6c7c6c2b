"""Powers come only from the role services: no one gives in the admin what they do not hold."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError

from courtyards import services as tree_services
from governance.accounts import services
from governance.accounts.choices import Role
from governance.accounts.models import RoleAssignment
from tests.base import DEMO_PASSWORD, make_staff, make_user

pytestmark = pytest.mark.django_db


def change_url(user) -> str:
    return f"/admin/accounts/user/{user.pk}/change/"


def test_community_staff_cannot_make_a_resident_superuser_staff_or_give_them_permissions(client, demo):
    resident = demo.resident
    group = Group.objects.create(name="特殊家庭档案")
    permission = Permission.objects.get(codename="view_specialfamily")
    client.force_login(demo.community)
    response = client.post(
        change_url(resident),
        {
            "username": "taken_over",
            "display_name": "张同珍（已核对）",
            "phone": "13712340000",
            "email": "",
            "home_unit": resident.home_unit_id,
            "household": resident.household_id,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [group.pk],
            "user_permissions": [permission.pk],
            "password": "md5$x$y",
        },
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.display_name == "张同珍（已核对）"  # the person fields were saved ...
    assert (resident.is_superuser, resident.is_staff) == (False, False)  # ... and no power came with them
    assert not resident.groups.exists() and not resident.user_permissions.exists()
    assert (resident.username, resident.phone) == ("demo_resident", "13900000001")  # the phone is the key to an SMS reset
    assert resident.check_password(DEMO_PASSWORD)


def test_the_user_form_shows_staff_no_power_fields_and_no_password_link(client, demo):
    client.force_login(demo.admin)
    page = client.get(change_url(demo.resident)).text
    for name in ("is_superuser", "is_staff", "groups", "user_permissions", "password"):
        assert f'name="{name}"' not in page
    assert f"/admin/accounts/user/{demo.resident.pk}/password/" not in page


@pytest.mark.parametrize("persona", ["admin", "street", "community"])
def test_staff_get_404_for_setting_another_persons_password(client, demo, persona):
    client.force_login(getattr(demo, persona))
    url = f"/admin/accounts/user/{demo.resident.pk}/password/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"password1": "Taken-over-2026", "password2": "Taken-over-2026", "usable_password": "true"}).status_code == 404
    demo.resident.refresh_from_db()
    assert demo.resident.check_password(DEMO_PASSWORD)


def test_staff_cannot_add_accounts_with_a_password_they_know(client, demo):
    client.force_login(demo.admin)
    response = client.post(
        "/admin/accounts/user/add/",
        {"username": "puppet", "display_name": "傀儡", "phone": "13712349999", "password1": "Known-2026-pw", "password2": "Known-2026-pw"},
    )
    assert response.status_code == 403
    assert not type(demo.resident).objects.filter(username="puppet").exists()


def test_a_role_given_in_the_admin_goes_through_role_grant_and_sets_is_staff(client, demo):
    newcomer = make_user(display_name="新同事")
    client.force_login(demo.admin)
    response = client.post(
        "/admin/accounts/roleassignment/add/",
        {"user": newcomer.pk, "role": Role.COMMUNITY_STAFF, "level": "community", "community": demo.xinhong.pk},
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=newcomer)
    assert (assignment.role, assignment.community, assignment.granted_by) == (Role.COMMUNITY_STAFF, demo.xinhong, demo.admin)
    assert assignment.scope_district == demo.district
    newcomer.refresh_from_db()
    assert newcomer.is_staff


def test_deleting_a_role_in_the_admin_goes_through_role_revoke_and_clears_is_staff(client, demo):
    officer = make_staff(role=Role.COMMUNITY_STAFF, node=demo.xinhong)
    client.force_login(demo.admin)
    assignment = officer.role_assignments.get()
    assert client.post(f"/admin/accounts/roleassignment/{assignment.pk}/delete/", {"post": "yes"}).status_code == 302
    officer.refresh_from_db()
    assert not officer.role_assignments.exists()
    assert not officer.is_staff


def test_deleting_roles_in_bulk_clears_is_staff_too(client, demo):
    officers = [make_staff(role=Role.GRID_WORKER, node=demo.xinhong) for _ in range(2)]
    client.force_login(demo.admin)
    selected = [o.role_assignments.get().pk for o in officers]
    client.post("/admin/accounts/roleassignment/", {"action": "delete_selected", "_selected_action": selected, "post": "yes"})
    for officer in officers:
        officer.refresh_from_db()
        assert not officer.role_assignments.exists() and not officer.is_staff


def test_a_role_is_never_edited_in_place(client, demo):
    assignment = demo.community.role_assignments.get()
    client.force_login(demo.admin)
    client.post(
        f"/admin/accounts/roleassignment/{assignment.pk}/change/",
        {"user": demo.community.pk, "role": Role.DISTRICT_ADMIN, "level": "district", "district": demo.district.pk},
    )
    assignment.refresh_from_db()
    assert (assignment.role, assignment.level) == (Role.COMMUNITY_STAFF, "community")


@pytest.mark.parametrize("giver", ["street", "community", "worker", "resident"])
def test_no_one_below_a_district_admin_can_grant_a_role(demo, giver):
    newcomer = make_user()
    with pytest.raises(ValidationError):
        services.role_grant(user=newcomer, role=Role.GRID_WORKER, node=demo.xinhong, granted_by=getattr(demo, giver))
    newcomer.refresh_from_db()
    assert not newcomer.role_assignments.exists() and not newcomer.is_staff


def test_street_staff_cannot_open_the_role_form_at_all(client, demo):
    client.force_login(demo.street)
    response = client.post(
        "/admin/accounts/roleassignment/add/",
        {"user": demo.resident.pk, "role": Role.DISTRICT_ADMIN, "level": "district", "district": demo.district.pk},
    )
    assert response.status_code == 403
    assert not demo.resident.role_assignments.exists()


def test_a_district_admin_cannot_grant_a_role_outside_their_district(client, demo):
    jinjiang = tree_services.node_create(level="district", name="锦江区", code="jinjiang")
    street = tree_services.node_create(level="street", name="春熙路街道", code="chunxilu", parent=jinjiang)
    with pytest.raises(ValidationError):
        services.role_grant(user=demo.resident, role=Role.STREET_STAFF, node=street, granted_by=demo.admin)
    client.force_login(demo.admin)
    page = client.post(
        "/admin/accounts/roleassignment/add/",
        {"user": demo.resident.pk, "role": Role.DISTRICT_ADMIN, "level": "district", "district": jinjiang.pk},
    )
    assert page.status_code == 200 and "errornote" in page.text
    assert not demo.resident.role_assignments.exists()


def test_a_district_admin_gives_and_takes_roles_in_their_district(demo):
    newcomer = make_user()
    assignment = services.role_grant(user=newcomer, role=Role.STREET_STAFF, node=demo.shengdeng, granted_by=demo.admin)
    assert newcomer.is_staff and assignment.granted_by == demo.admin
    with pytest.raises(ValidationError):
        services.role_revoke(assignment=assignment, revoked_by=demo.street)
    services.role_revoke(assignment=assignment, revoked_by=demo.admin)
    newcomer.refresh_from_db()
    assert not newcomer.is_staff
