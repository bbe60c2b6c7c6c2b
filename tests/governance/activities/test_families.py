"""Special families: a restricted case file. Only the assigned social worker and staff granted it see it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.accounts import permissions
from governance.accounts.choices import Role
from governance.activities import selectors, services
from governance.activities.models import SpecialFamily
from tests.base import make_staff

from .helpers import log

pytestmark = pytest.mark.django_db


def seeded_family() -> SpecialFamily:
    return SpecialFamily.objects.get(head_name="何素珍")


def detail_url(family) -> str:
    return reverse("activities:family_detail", kwargs={"code": family.code})


@pytest.mark.parametrize("who", ["resident", "street", "admin", "other_worker", "other_staff"])
def test_a_special_family_is_404_for_everyone_without_the_grant(demo, client, who):
    family = seeded_family()
    people = {
        "resident": demo.resident,
        "street": demo.street,
        "admin": demo.admin,
        "other_worker": make_staff(role=Role.SOCIAL_WORKER, node=demo.hualin),
        "other_staff": make_staff(role=Role.COMMUNITY_STAFF, node=demo.xinhong),
    }
    client.force_login(people[who])
    assert client.get(detail_url(family)).status_code == 404
    assert client.get(reverse("api:specialfamily-detail", kwargs={"code": family.code})).status_code == 404
    assert family not in selectors.family_list(user=people[who]) if who != "resident" else True


def test_the_assigned_worker_and_granted_staff_see_the_name_and_phone(demo, client):
    family = seeded_family()
    for person in (demo.worker, demo.community):
        client.force_login(person)
        html = client.get(detail_url(family)).content.decode()
        assert "何素珍" in html and "13900000099" in html


def test_a_grant_opens_the_file_to_street_staff_and_only_the_case_s_manager_may_give_it(demo, client):
    family = seeded_family()
    with pytest.raises(PermissionDenied):
        services.special_family_grant(family=family, user=demo.street, by=demo.community)  # view grant only
    services.special_family_grant(family=family, user=demo.street, by=demo.worker)
    client.force_login(demo.street)
    assert client.get(detail_url(family)).status_code == 200


def test_a_case_file_cannot_be_opened_to_a_resident_or_staff_elsewhere(demo):
    family = seeded_family()
    with pytest.raises(ValidationError):
        services.special_family_grant(family=family, user=demo.resident, by=demo.worker)
    with pytest.raises(ValidationError):
        services.special_family_grant(family=family, user=make_staff(role=Role.STREET_STAFF, node=demo.shengdeng), by=demo.worker)


def test_granted_staff_read_but_only_the_worker_writes_case_notes(demo, client):
    family = seeded_family()
    client.force_login(demo.community)
    response = client.post(reverse("activities:family_note", kwargs={"code": family.code}), {"text": "不该写入"})
    assert response.status_code == 404
    client.force_login(demo.worker)
    client.post(reverse("activities:family_note", kwargs={"code": family.code}), {"text": "电话回访，情况稳定"})
    assert list(family.notes.values_list("text", flat=True))[0] == "电话回访，情况稳定"


def test_help_at_an_activity_makes_the_family_a_beneficiary_shown_masked(demo, client):
    family = seeded_family()
    activity = log(by=demo.worker, community=demo.xinhong, type_code="home-visit")
    services.help_record_add(family=family, by=demo.worker, description="代购药品", given_on=timezone.localdate(), activity=activity)
    client.force_login(demo.street)
    html = client.get(reverse("activities:detail", kwargs={"code": activity.code})).content.decode()
    assert "何**" in html and "何素珍" not in html


def test_the_tree_role_alone_gives_nothing(demo):
    family = seeded_family()
    assert not permissions.can(demo.street, "view", family)
    assert not permissions.can(demo.admin, "view", family)
    assert permissions.can(demo.worker, "manage", family)
    assert permissions.can(demo.community, "view", family) and not permissions.can(demo.community, "manage", family)


def test_the_audit_trail_does_not_hold_the_family_s_name(demo):
    from auditlog.models import LogEntry

    family = seeded_family()
    entry = LogEntry.objects.get_for_object(family).first()
    assert "何素珍" not in entry.changes_str and "13900000099" not in entry.changes_str


def test_the_worker_records_help_given_at_an_activity_from_the_case_file(demo, client):
    family = seeded_family()
    activity = log(by=demo.worker, community=demo.xinhong, type_code="home-visit")
    client.force_login(demo.worker)
    data = {"description": "上门送药", "given_on": timezone.localdate().isoformat(), "activity": str(activity.code)}
    client.post(reverse("activities:family_help", kwargs={"code": family.code}), data)
    assert family.help.get(description="上门送药").activity == activity
    elsewhere = log(by=make_staff(role=Role.SOCIAL_WORKER, node=demo.hualin), community=demo.hualin)
    data = {**data, "description": "不该记录", "activity": str(elsewhere.code)}
    client.post(reverse("activities:family_help", kwargs={"code": family.code}), data)
    assert not family.help.filter(description="不该记录").exists()


def test_a_worker_opens_a_case_file_and_then_opens_it_to_a_colleague(demo, client):
    client.force_login(demo.worker)
    data = {"community": "xinhong", "head_name": "李国强", "phone": "13911112222", "reason": "disability", "needs": "轮椅维修"}
    response = client.post(reverse("activities:family_create"), data)
    family = SpecialFamily.objects.get(head_name="李国强")
    assert response.status_code == 302 and family.assigned_worker == demo.worker
    client.force_login(demo.community)
    assert client.get(detail_url(family)).status_code == 404, "nobody else sees a new case file"
    client.force_login(demo.worker)
    client.post(reverse("activities:family_grant", kwargs={"code": family.code}), {"staff": "13800000003"})
    client.force_login(demo.community)
    assert client.get(detail_url(family)).status_code == 200


def test_a_worker_cannot_open_a_case_file_in_another_community(demo, client):
    client.force_login(demo.worker)
    data = {"community": "hualin", "head_name": "外社区", "reason": "other"}
    response = client.post(reverse("activities:family_create"), data)
    assert response.status_code == 200 and "community" in response.context["form"].errors
    assert not SpecialFamily.objects.filter(head_name="外社区").exists()
