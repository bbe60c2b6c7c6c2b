"""The resident's and the staff's pages: submit, follow, confirm, reopen; queue, act, bulk assign."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.accounts.choices import Role
from governance.requests import services
from governance.requests.choices import Status
from governance.requests.models import Request
from governance.requests.oversight import services as oversight
from tests.base import make_staff, make_user

from .helpers import file_request, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def submit(client, **fields):
    data = {"category": "facilities", "place": "unit", "title": "路灯不亮", "text": "门口路灯坏了", "public": "on", **fields}
    return client.post("/requests/new/", data)


def test_a_resident_submits_with_a_photo_and_finds_it_in_my_requests(demo, client):
    client.force_login(demo.resident)
    response = submit(client, photos=[upload()])
    request = Request.objects.filter(resident=demo.resident).latest("pk")
    assert response.status_code == 302 and response["Location"] == f"/requests/{request.number}/filed/"
    assert request.photos.count() == 1 and request.unit == demo.resident.home_unit
    assert request.number in client.get("/requests/mine/").text


def test_the_place_can_be_the_courtyard_or_the_community_instead_of_the_home(demo, client):
    client.force_login(demo.resident)
    submit(client, place="community")
    request = Request.objects.filter(resident=demo.resident).latest("pk")
    assert request.unit is None and request.courtyard is None and request.community == demo.xinhong


def test_a_resident_without_a_verified_home_is_sent_to_claim_it(demo, client):
    client.force_login(make_user())
    response = client.get("/requests/new/")
    assert response.status_code == 302 and response["Location"] == "/me/home/"


@pytest.mark.parametrize(
    ("photo", "message"),
    [
        (upload(b"%PDF-1.4 not an image", "scan.jpg", "image/jpeg"), "不是"),
        (upload(b"\x89PNG" + b"\0" * (5 * 1024 * 1024 + 1), "huge.png"), "5 MB"),
    ],
)
def test_a_bad_upload_gets_a_clear_error_and_nothing_is_saved(demo, client, photo, message):
    client.force_login(demo.resident)
    before = Request.objects.count()
    response = submit(client, photos=[photo])
    assert response.status_code == 200 and message in response.text
    assert Request.objects.count() == before


def test_the_resident_confirms_and_rates_on_the_request_page(demo, client):
    request = resolved(demo)
    client.force_login(demo.resident)
    page = client.get(f"/requests/{request.number}/").text
    assert "confirm-form" in page
    client.post(f"/requests/{request.number}/confirm/", {"rating": "4", "comment": "满意"})
    request.refresh_from_db()
    assert request.status == Status.CLOSED and request.rating == 4


def test_the_resident_reopens_on_the_request_page(demo, client):
    request = resolved(demo)
    client.force_login(demo.resident)
    client.post(f"/requests/{request.number}/reopen/", {"reason": "又坏了"})
    request.refresh_from_db()
    assert request.status == Status.REOPENED


def test_a_forbidden_move_on_the_staff_page_shows_a_message_and_changes_nothing(demo, client):
    request = file_request(demo)
    client.force_login(demo.community)
    response = client.post(f"/manage/requests/{request.number}/act/", {"action": "resolve", "note": "x"}, follow=True)
    assert "不能变为" in response.text
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED


def test_staff_accept_and_assign_with_a_template_note(demo, client):
    request = file_request(demo)
    client.force_login(demo.community)
    page = client.get(f"/manage/requests/{request.number}/").text
    assert "已受理" in page, "the response templates are offered"
    client.post(f"/manage/requests/{request.number}/act/", {"action": "assign", "assignee": "demo_worker", "note": "请今天处理"})
    request.refresh_from_db()
    assert request.status == Status.ASSIGNED and request.assignee == demo.worker


def test_bulk_assign_from_the_queue(demo, client):
    first, second = file_request(demo), file_request(demo, title="第二件")
    client.force_login(demo.community)
    client.post("/manage/requests/bulk-assign/", {"numbers": [first.number, second.number], "assignee": "demo_worker"})
    assert set(Request.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {Status.ASSIGNED}


def test_the_queue_filters_and_flags_supervised_requests(demo, client):
    request = file_request(demo, title="井盖松动需要处理")
    oversight.supervision_issue(request=request, by=demo.street, instruction="尽快处理", reply_due_on=timezone.localdate())
    client.force_login(demo.community)
    page = client.get("/manage/requests/", {"q": "井盖松动", "supervised": "true"}).text
    assert request.number in page and "督办中" in page
    assert request.number not in client.get("/manage/requests/", {"status": "closed"}).text


def test_staff_of_another_street_never_see_the_request(demo, client):
    request = file_request(demo)
    client.force_login(make_staff(role=Role.STREET_STAFF, node=demo.shengdeng))
    assert request.number not in client.get("/manage/requests/").text
    assert client.get(f"/manage/requests/{request.number}/").status_code == 404
    assert client.get(f"/requests/{request.number}/").status_code == 404


def count_queries(client, url) -> int:
    """The page's queries with the caches it fills warm (the unread badge, templates), as a busy portal has them."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("url", ["/manage/requests/", "/manage/requests/?overdue=true&q=灯", "/manage/callbacks/"])
def test_the_queue_costs_the_same_queries_for_one_row_and_many(demo, client, url):
    client.force_login(demo.street)
    file_request(demo)
    few = count_queries(client, url)
    for n in range(15):
        file_request(demo, title=f"路灯不亮{n}")
    assert count_queries(client, url) == few


def test_my_requests_cost_the_same_queries_for_one_row_and_many(demo, client):
    resident = make_user(home_unit=demo.resident.home_unit)
    file_request(demo, resident=resident)
    client.force_login(resident)
    few = count_queries(client, "/requests/mine/")
    for n in range(10):
        file_request(demo, resident=resident, title=f"问题{n}")
    assert count_queries(client, "/requests/mine/") == few


def resolved(demo) -> Request:
    request = file_request(demo)
    services.request_accept(request=request, by=demo.community)
    services.request_start(request=request, by=demo.community)
    services.request_resolve(request=request, by=demo.community, note="已修好")
    return request


def test_only_the_street_office_is_offered_supervision(demo, client):
    request = file_request(demo)
    client.force_login(demo.community)
    assert 'id="supervise-form"' not in client.get(f"/manage/requests/{request.number}/").text
    client.force_login(demo.street)
    assert 'id="supervise-form"' in client.get(f"/manage/requests/{request.number}/").text
    due = timezone.localdate() + timedelta(days=3)
    client.post(f"/manage/requests/{request.number}/supervise/", {"instruction": "三日内办结", "reply_due_on": due.isoformat()})
    request.refresh_from_db()
    assert request.supervised and request.supervisions.get().reply_due_on == due


def test_the_staff_page_offers_only_the_moves_the_workflow_allows(demo, client):
    request = file_request(demo)
    client.force_login(demo.community)
    page = client.get(f"/manage/requests/{request.number}/").text
    assert 'value="accept"' in page and 'value="assign"' in page and 'value="resolve"' not in page
    closed = Request.objects.get(title="人行道破损")
    page = client.get(f"/manage/requests/{closed.number}/").text
    assert 'value="note"' in page and 'value="accept"' not in page and 'value="assign"' not in page


def test_staff_reading_in_english_pick_a_reply_template_in_english_or_in_chinese_where_none_was_written(client, demo):
    from django.conf import settings

    from governance.requests.models import ResponseTemplate

    request = file_request(demo)
    ResponseTemplate.objects.create(title="暂无英文", text="仅有中文的答复。")
    client.force_login(demo.community)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/manage/requests/{request.number}/").text
    assert ">Accepted</option>" in page and "Hello, your request is accepted; we will send someone soon." in page
    assert "已受理</option>" not in page and ">暂无英文</option>" in page  # no English yet: the Chinese one
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(f"/manage/requests/{request.number}/").text
    assert ">已受理</option>" in page and "您好，您的诉求已受理" in page


def test_the_timeline_speaks_the_readers_language_and_keeps_what_people_wrote(client, demo):
    from django.conf import settings

    first, second = file_request(demo, title="路灯不亮"), file_request(demo, title="路灯又坏了")
    services.request_merge(request=second, into=first, by=demo.community, note="")
    services.request_reject(request=first, by=demo.community, reason="属物业职责")
    client.force_login(demo.community)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(f"/manage/requests/{first.number}/").text
    assert f"{second.number} was merged into this request." in english and "属物业职责" in english and "Rejected" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    chinese = client.get(f"/manage/requests/{first.number}/").text
    assert f"{second.number} 已合并到本诉求。" in chinese and "was merged" not in chinese and "属物业职责" in chinese


def merge_choices(page: str) -> str:
    return page.split('<select name="into"')[1].split("</select>")[0]


def test_staff_merge_a_duplicate_by_picking_it_from_the_open_requests_most_like_it(demo, client):
    original = file_request(demo, title="3栋楼道灯坏了")
    unlike = file_request(demo, title="垃圾桶满了没人收")  # newer, but nothing like it
    duplicate = file_request(demo, resident=make_user(home_unit=demo.resident.home_unit), title="3栋楼道灯不亮")
    client.force_login(demo.community)
    page = client.get(f"/manage/requests/{duplicate.number}/").text
    offered = merge_choices(page)
    assert offered.index(original.number) < offered.index(unlike.number) and duplicate.number not in offered
    assert 'list="merge-targets"' not in page and 'id="merge-search"' in page  # picked, not typed
    client.post(f"/manage/requests/{duplicate.number}/act/", {"action": "merge", "into": original.number})
    duplicate.refresh_from_db()
    assert duplicate.status == Status.MERGED and duplicate.merged_into == original


def test_the_merge_list_offers_50_and_a_search_finds_an_older_one(demo, client):
    from governance.requests.selectors import MERGE_CHOICES

    oldest = file_request(demo, title="最早的一件")
    Request.objects.filter(pk=oldest.pk).update(created_at=oldest.created_at - timedelta(days=60))
    for n in range(MERGE_CHOICES + 1):  # 50 alike besides the one whose page it is
        item = file_request(demo, title=f"路灯不亮 {n}")
    client.force_login(demo.community)
    url = f"/manage/requests/{item.number}/"
    offered = merge_choices(client.get(url).text)
    assert offered.count('<option value="CH-') == MERGE_CHOICES and oldest.number not in offered
    assert oldest.number in merge_choices(client.get(url, {"similar": "最早"}).text)
