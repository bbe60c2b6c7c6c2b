"""What each viewer reads of a request's story: the resident's page shows no internal note whoever opens it
(a hotline operator, staff, the owning body); the public pages and Open311 never show a rating comment, a
reopening reason or an internal event."""

import pytest
from rest_framework.test import APIClient

from governance.accounts.models import User
from governance.requests import services
from governance.requests.models import Caller, Request

from .helpers import file_request

pytestmark = pytest.mark.django_db

INTERNAL = "内部：住户情绪激动，先别上门"
PUBLIC_NOTE = "已派人更换灯泡"
RATING_COMMENT = "私下说：师傅态度很差"
REOPEN_REASON = "私下说：灯又灭了，隔壁在偷电"


def handled(demo) -> Request:
    """demo_resident's public request in 新鸿社区, with an internal note and a public one."""
    request = file_request(demo, public=True)
    services.request_accept(request=request, by=demo.community)
    services.request_assign(request=request, by=demo.community, assignee=demo.worker)
    services.request_start(request=request, by=demo.worker)
    services.request_note(request=request, by=demo.community, note=INTERNAL, public=False)
    services.request_resolve(request=request, by=demo.community, note=PUBLIC_NOTE)
    return request


@pytest.mark.parametrize("username", ["demo_operator", "demo_community", "demo_street", "demo_admin"])
def test_the_residents_page_shows_no_internal_note_to_any_viewer(demo, client, username):
    request = handled(demo)
    client.force_login(User.objects.get(username=username))
    page = client.get(f"/requests/{request.number}/")
    assert page.status_code == 200 and PUBLIC_NOTE in page.text
    assert INTERNAL not in page.text


def test_the_internal_note_stays_on_the_staff_page(demo, client):
    request = handled(demo)
    client.force_login(demo.community)
    assert INTERNAL in client.get(f"/manage/requests/{request.number}/").text


def test_a_hotline_operator_reads_no_internal_event_through_the_api_and_staff_do(demo):
    request = handled(demo)
    api = APIClient()
    api.force_authenticate(User.objects.get(username="demo_operator"))
    notes = [event["note"] for event in api.get(f"/api/v1/requests/{request.number}/timeline/").json()]
    assert PUBLIC_NOTE in notes and INTERNAL not in notes
    api.force_authenticate(demo.community)
    assert INTERNAL in [event["note"] for event in api.get(f"/api/v1/requests/{request.number}/timeline/").json()]


def public_bodies(client, request: Request) -> str:
    pages = [
        f"/open311/v2/requests/{request.number}.json",
        f"/open311/v2/requests/{request.number}.xml",
        "/open311/v2/requests.json",
        "/communities/xinhong/requests/",
        "/public/requests/near/?community=xinhong",
    ]
    return "\n".join(client.get(path).content.decode() for path in pages)


def test_the_public_pages_and_open311_never_show_a_rating_comment_a_reopening_reason_or_an_internal_event(demo, client):
    request = handled(demo)
    services.request_reopen(request=request, by=demo.resident, reason=REOPEN_REASON)
    services.request_start(request=request, by=demo.community)
    services.request_resolve(request=request, by=demo.community, note=PUBLIC_NOTE)
    services.request_confirm(request=request, by=demo.resident, rating=2, comment=RATING_COMMENT)
    assert Request.objects.get(pk=request.pk).rating_comment == RATING_COMMENT
    seen = public_bodies(client, request)
    assert request.title in seen and PUBLIC_NOTE in seen
    for private in (INTERNAL, RATING_COMMENT, REOPEN_REASON):
        assert private not in seen


def test_a_public_callers_request_publishes_the_staff_notes_in_open311(demo, client):
    """A request phoned in has no resident: its staff's public notes still reach status_notes."""
    request = handled(demo)
    caller = Caller.objects.create(district=demo.district, phone="13612345678", name="王先生")
    Request.objects.filter(pk=request.pk).update(resident=None, caller=caller)
    record = client.get(f"/open311/v2/requests/{request.number}.json").json()[0]
    assert record["status_notes"] == PUBLIC_NOTE
