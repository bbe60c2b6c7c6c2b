"""Dispatch between units, as 12345 does it: the dispatcher gives a request to a unit (派单); the unit
transfers it to another (转办, with reason) or returns it (退单, with reason) to the dispatcher's queue,
marked; every step is a timeline event and a notification."""

import pytest

from governance.accounts.models import User
from governance.notifications.models import Notification
from governance.requests.choices import EventKind, OwnerBody, Status
from governance.requests.dispatch.models import Department, DispatchState
from governance.requests.models import Request

from .helpers import event_text, file_request

pytestmark = pytest.mark.django_db


def person(username: str) -> User:
    return User.objects.get(username=username)


def act(client, request, **data):
    return client.post(f"/manage/requests/{request.number}/act/", data)


def police(demo) -> Department:
    return Department.objects.get(name="双桥子派出所")


def test_the_dispatcher_dispatches_a_request_to_a_department_whose_handler_is_told_and_then_handles_it(demo, client):
    request = file_request(demo, category="facilities", title="路灯不亮")  # the community's own
    roads = Department.objects.get(name="双桥子街道综合行政执法队")
    client.force_login(demo.community)
    page = client.get(f"/manage/requests/{request.number}/").text
    assert f"department:{roads.pk}" in page and 'value="dispatch"' in page
    act(client, request, action="dispatch", owner=f"department:{roads.pk}", note="路灯归执法队")
    request.refresh_from_db()
    assert (request.owner_body, request.owner_department, request.owner_name) == (OwnerBody.DEPARTMENT, roads, roads.name)
    assert "路灯归执法队" in request.events.get(kind=EventKind.DISPATCHED).note
    assert Notification.objects.filter(recipient=person("demo_handler"), kind="requests.dispatched").count() == 1
    client.force_login(person("demo_handler"))
    act(client, request, action="accept")
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED


def test_the_owner_transfers_with_a_reason_and_the_new_unit_has_it_marked_transferred(demo, client):
    request = file_request(demo, category="roads", title="井盖缺失")  # 双桥子街道综合行政执法队
    client.force_login(person("demo_handler"))
    assert act(client, request, action="transfer", owner=f"department:{police(demo).pk}", note="").status_code == 302
    request.refresh_from_db()
    assert request.owner_department.name == "双桥子街道综合行政执法队"  # no reason: refused
    act(client, request, action="transfer", owner=f"department:{police(demo).pk}", note="涉及盗窃井盖，属派出所")
    request.refresh_from_db()
    assert (request.owner_department, request.dispatch_state) == (police(demo), DispatchState.TRANSFERRED)
    note = event_text(request, EventKind.TRANSFERRED)
    assert "双桥子街道综合行政执法队" in note and "双桥子派出所" in note and "涉及盗窃井盖" in note
    assert client.get(f"/manage/requests/{request.number}/").status_code == 404  # no longer theirs
    client.force_login(demo.community)
    queue = client.get("/manage/requests/", {"dispatch_state": "transferred"}).text
    assert request.number in queue and Request.objects.filter(dispatch_state="transferred", title="井盖缺失").count() == 1


def test_the_owner_returns_a_request_to_the_dispatchers_queue_marked_returned(demo, client):
    request = file_request(demo, category="safety", title="门禁坏了")  # 新鸿社区安全与民调委员会, demo_chair
    other = file_request(demo, category="facilities", title="路灯不亮")
    client.force_login(person("demo_chair"))
    act(client, request, action="return", note="属物业维修范围")
    request.refresh_from_db()
    assert (request.owner_body, request.owner_committee, request.dispatch_state) == (OwnerBody.COMMUNITY, None, DispatchState.RETURNED)
    assert "属物业维修范围" in request.events.get(kind=EventKind.RETURNED).note
    returned_told = Notification.objects.filter(
        recipient=demo.community, kind="requests.returned", key__startswith=f"request:{request.number}:"
    )
    assert returned_told.count() == 1
    client.force_login(demo.community)
    returned = client.get("/manage/requests/", {"dispatch_state": "returned"}).text
    assert request.number in returned and other.number not in returned
    act(client, request, action="dispatch", owner="committee:xinhong-nanlu-group")
    request.refresh_from_db()
    assert (request.owner_body, request.owner_committee.code, request.dispatch_state) == (
        OwnerBody.COURTYARD_GROUP,
        "xinhong-nanlu-group",
        DispatchState.NONE,
    )


def test_only_the_owning_unit_transfers_or_returns_and_only_the_dispatcher_dispatches(demo, client):
    request = file_request(demo, category="safety", title="门禁坏了")
    client.force_login(demo.resident2)  # a chair of another community's committee: not theirs at all
    assert act(client, request, action="return", note="不归我们").status_code == 404
    client.force_login(person("demo_chair"))
    act(client, request, action="dispatch", owner="community")
    request.refresh_from_db()
    assert request.owner_committee.code == "xinhong-safety-mediation" and not request.events.filter(kind=EventKind.DISPATCHED).exists()
    act(client, request, action="transfer", owner="department:999999", note="随便")
    request.refresh_from_db()
    assert request.owner_committee.code == "xinhong-safety-mediation"  # not a unit this request can go to
