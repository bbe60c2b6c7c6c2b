"""/api/v1/requests/<number>/dispatch/, transfer/, return/, cohandlers/ and cohandlers/end/: the staff page's
rules through the API. Out of scope is 404; in scope but not allowed 403, invalid 400, with a message; nothing changes."""

import pytest
from rest_framework.test import APIClient

from governance.accounts.models import User
from governance.requests.choices import EventKind, OwnerBody
from governance.requests.dispatch.models import Department, DispatchState, RequestCoHandler
from governance.requests.models import TimelineEvent

from .helpers import file_request

pytestmark = pytest.mark.django_db

SAFETY = "committee:xinhong-safety-mediation"


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def person(username: str) -> User:
    return User.objects.get(username=username)


def department(name: str) -> Department:
    return Department.objects.get(name=name)


def url(request, route: str) -> str:
    return f"/api/v1/requests/{request.number}/{route}/"


def test_the_dispatcher_dispatches_and_the_owner_transfers_and_returns_through_the_api(demo, api):
    request = file_request(demo, category="facilities", title="路灯不亮")
    roads = department("双桥子街道综合行政执法队")
    api.force_authenticate(demo.community)
    response = api.post(url(request, "dispatch"), {"owner": f"department:{roads.pk}", "note": "归执法队"}, format="json")
    assert response.status_code == 200 and response.json()["owner_label"] == roads.name
    api.force_authenticate(person("demo_handler"))
    police = department("双桥子派出所")
    assert api.post(url(request, "transfer"), {"owner": f"department:{police.pk}"}, format="json").status_code == 400  # no reason
    response = api.post(url(request, "transfer"), {"owner": f"department:{police.pk}", "reason": "属派出所"}, format="json")
    assert response.status_code == 200
    request.refresh_from_db()
    assert (request.owner_department, request.dispatch_state) == (police, DispatchState.TRANSFERRED)
    assert api.post(url(request, "return"), {"reason": "不归我们"}, format="json").status_code == 404  # no longer theirs


def test_the_owner_returns_and_the_request_is_with_the_community_marked_returned(demo, api):
    request = file_request(demo, category="roads", title="井盖缺失")
    api.force_authenticate(person("demo_handler"))
    assert api.post(url(request, "return"), {"reason": "不归执法队"}, format="json").status_code == 200
    request.refresh_from_db()
    assert (request.owner_body, request.dispatch_state) == (OwnerBody.COMMUNITY, DispatchState.RETURNED)
    assert request.events.filter(kind=EventKind.RETURNED, note__contains="不归执法队").exists()


def test_in_scope_but_not_allowed_is_a_403_with_a_message_and_nothing_changes(demo, api):
    request = file_request(demo, category="roads", title="井盖缺失")
    police = department("双桥子派出所")
    api.force_authenticate(demo.worker)  # sees the request, dispatches nothing
    before = TimelineEvent.objects.filter(request=request).count()
    for route, body in [
        ("dispatch", {"owner": f"department:{police.pk}"}),
        ("transfer", {"owner": f"department:{police.pk}", "reason": "x"}),
        ("return", {"reason": "x"}),
        ("cohandlers", {"owner": SAFETY}),
    ]:
        response = api.post(url(request, route), body, format="json")
        assert response.status_code == 403, route
        assert response.json()["detail"] == "贵单位目前不能对此诉求进行该操作。"  # Chinese first, for the API too
    request.refresh_from_db()
    assert request.owner_department.name == "双桥子街道综合行政执法队" and request.dispatch_state == ""
    assert TimelineEvent.objects.filter(request=request).count() == before and not RequestCoHandler.objects.exists()


def test_out_of_scope_is_a_404_whatever_the_body(demo, api):
    request = file_request(demo, category="roads", title="井盖缺失")
    api.force_authenticate(demo.resident2)  # 华林社区: not theirs
    for route in ("dispatch", "transfer", "return", "cohandlers", "cohandlers/end"):
        assert api.post(url(request, route), {"owner": "junk"}, format="json").status_code == 404, route
    assert api.get(url(request, "cohandlers")).status_code == 404
    api.force_authenticate(person("demo_chair"))  # a committee chair, not co-handling it
    assert api.get(url(request, "cohandlers")).status_code == 404


def test_cohandlers_are_added_listed_seen_by_the_unit_and_ended_through_the_api(demo, api):
    request = file_request(demo, category="roads", title="井盖缺失")
    api.force_authenticate(demo.community)
    assert api.post(url(request, "cohandlers"), {"owner": "street"}, format="json").status_code == 400  # not a committee or department
    response = api.post(url(request, "cohandlers"), {"owner": SAFETY, "note": "请协助"}, format="json")
    assert response.status_code == 201 and response.json()["unit"] == SAFETY and response.json()["ended_at"] is None
    assert [row["unit"] for row in api.get(url(request, "cohandlers")).json()] == [SAFETY]
    api.force_authenticate(person("demo_chair"))
    assert api.get(f"/api/v1/requests/{request.number}/").status_code == 200
    assert api.post(url(request, "note"), {"note": "已联系保安"}, format="json").status_code == 200
    assert api.post(url(request, "accept"), {}, format="json").status_code == 400
    assert api.post(url(request, "cohandlers/end"), {"owner": SAFETY}, format="json").status_code == 403
    api.force_authenticate(person("demo_handler"))  # the owner ends it
    response = api.post(url(request, "cohandlers/end"), {"owner": SAFETY}, format="json")
    assert response.status_code == 200 and response.json()["ended_at"] is not None
    assert api.post(url(request, "cohandlers/end"), {"owner": SAFETY}, format="json").status_code == 400  # already ended
    api.force_authenticate(person("demo_chair"))
    assert api.get(f"/api/v1/requests/{request.number}/").status_code == 404
    assert request.events.filter(kind=EventKind.NOTE, actor=person("demo_chair")).count() == 1
