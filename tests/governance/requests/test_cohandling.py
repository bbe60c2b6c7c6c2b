"""协办: the dispatcher or the owning unit adds co-handling units to a request, and ends them. The people of a
co-handling unit see the request in their queue (marked) and on its staff page, and add notes; they do not
accept, transfer, return or resolve it; once it ends (and for everyone else) the request is a 404."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from committees.models import Committee
from governance.accounts.models import User
from governance.notifications.models import Notification
from governance.requests.choices import EventKind, Status
from governance.requests.dispatch import services as dispatch
from governance.requests.dispatch.models import Department, RequestCoHandler
from governance.requests.models import Request

from .helpers import file_request

pytestmark = pytest.mark.django_db

SAFETY = "committee:xinhong-safety-mediation"  # 新鸿社区's 安全与民调委员会, chaired by demo_chair


def person(username: str) -> User:
    return User.objects.get(username=username)


def act(client, request, **data):
    return client.post(f"/manage/requests/{request.number}/act/", data)


def roads(demo) -> Request:
    """井盖 in 新鸿社区: owned by 双桥子街道综合行政执法队, whose handler is demo_handler."""
    return file_request(demo, category="roads", title="井盖缺失")


def test_the_dispatcher_adds_a_committee_whose_chair_is_told_sees_it_marked_and_adds_a_note(demo, client):
    request = roads(demo)
    client.force_login(demo.community)
    page = client.get(f"/manage/requests/{request.number}/").text
    assert 'value="cohandle"' in page and SAFETY in page
    act(client, request, action="cohandle", owner=SAFETY, note="涉及治安，请协助")
    row = RequestCoHandler.objects.get(request=request)
    assert (row.committee.code, row.department, row.added_by, row.ended_at) == ("xinhong-safety-mediation", None, demo.community, None)
    assert "涉及治安，请协助" in request.events.get(kind=EventKind.COHANDLER_ADDED).note
    assert Notification.objects.filter(recipient=person("demo_chair"), kind="requests.cohandling").count() == 1

    client.force_login(person("demo_chair"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    queue = client.get("/manage/requests/").text
    assert request.number in queue and "Co-handling (协办)" in queue
    act(client, request, action="note", note="已联系小区保安")
    assert request.events.filter(kind=EventKind.NOTE, actor=person("demo_chair"), note="已联系小区保安").exists()


def test_a_cohandling_unit_may_not_accept_transfer_return_or_resolve(demo, client):
    request = roads(demo)
    dispatch.request_cohandler_add(request=request, by=demo.community, target=SAFETY)
    chair = person("demo_chair")
    client.force_login(chair)
    page = client.get(f"/manage/requests/{request.number}/").text
    assert 'value="note"' in page and 'value="accept"' not in page and 'value="transfer"' not in page
    police = Department.objects.get(name="双桥子派出所")
    for action, owner in [
        ("accept", ""),
        ("transfer", f"department:{police.pk}"),
        ("return", ""),
        ("resolve", ""),
        ("cohandle_end", SAFETY),
    ]:
        act(client, request, action=action, owner=owner, note="试试")
    request.refresh_from_db()
    assert (request.status, request.owner_department.name, request.dispatch_state) == (Status.SUBMITTED, "双桥子街道综合行政执法队", "")
    assert RequestCoHandler.objects.get(request=request).ended_at is None
    with pytest.raises(ValidationError):
        dispatch.request_cohandler_add(request=request, by=chair, target=f"department:{police.pk}")


def test_the_owner_adds_a_department_and_ends_it_then_its_handler_gets_404(demo, client):
    request = file_request(demo, category="safety", title="门禁坏了")  # owned by the safety committee
    police = Department.objects.get(name="双桥子派出所")
    handler = person("demo_handler")
    police_handler = police.handlers.filter(active=True).first()
    client.force_login(person("demo_chair"))
    act(client, request, action="cohandle", owner=f"department:{police.pk}")
    assert RequestCoHandler.objects.filter(request=request, department=police, ended_at=None).exists()
    if police_handler is not None:
        assert Notification.objects.filter(recipient=police_handler.user, kind="requests.cohandling").exists()
    act(client, request, action="cohandle_end", owner=f"department:{police.pk}", note="已处理完治安部分")
    row = RequestCoHandler.objects.get(request=request)
    assert row.ended_at is not None
    assert "已处理完治安部分" in request.events.get(kind=EventKind.COHANDLER_ENDED).note
    client.force_login(handler)  # 执法队's handler: neither owner nor co-handler
    assert client.get(f"/manage/requests/{request.number}/").status_code == 404
    assert request.number not in client.get("/manage/requests/").text


def test_a_cohandler_loses_the_request_when_the_cohandling_ends(demo, client):
    request = roads(demo)
    dispatch.request_cohandler_add(request=request, by=person("demo_handler"), target=SAFETY)
    client.force_login(person("demo_chair"))
    assert client.get(f"/manage/requests/{request.number}/").status_code == 200
    dispatch.request_cohandler_end(request=request, by=demo.community, target=SAFETY)
    assert client.get(f"/manage/requests/{request.number}/").status_code == 404
    assert request.number not in client.get("/manage/requests/").text
    act(client, request, action="note", note="还想说一句")
    assert not request.events.filter(kind=EventKind.NOTE).exists()


def test_the_owner_itself_or_a_unit_twice_is_refused_and_nothing_is_written(demo):
    request = file_request(demo, category="safety", title="门禁坏了")
    for target in (SAFETY, "community", "street", "department:999999", "committee:nowhere"):
        with pytest.raises(ValidationError):
            dispatch.request_cohandler_add(request=request, by=demo.community, target=target)
    roads_team = Department.objects.get(name="双桥子街道综合行政执法队")
    dispatch.request_cohandler_add(request=request, by=demo.community, target=f"department:{roads_team.pk}")
    with pytest.raises(ValidationError):
        dispatch.request_cohandler_add(request=request, by=demo.community, target=f"department:{roads_team.pk}")
    assert RequestCoHandler.objects.filter(request=request).count() == 1
    assert request.events.filter(kind=EventKind.COHANDLER_ADDED).count() == 1
    assert Committee.objects.filter(code="xinhong-safety-mediation").exists()


def test_the_new_timeline_kinds_have_translatable_labels():
    with translation.override("en"):
        assert (str(EventKind.COHANDLER_ADDED.label), str(EventKind.COHANDLER_ENDED.label)) == (
            "Co-handling unit added",
            "Co-handling unit ended",
        )
