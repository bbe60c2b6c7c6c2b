"""The staff workbench (issue 14, point 4): the queue first with its filters folded under 筛选, one button per move on
a request's page, bulk 受理 / 派单 / 办结 from the queue, and the Work page telling staff what waits for them."""

import re

import pytest

from governance.accounts.choices import Role
from governance.requests import services
from governance.requests.choices import Status
from governance.requests.models import Request
from tests.base import make_staff

from .helpers import file_request

pytestmark = pytest.mark.django_db


def in_progress(demo, **fields) -> Request:
    request = file_request(demo, **fields)
    services.request_accept(request=request, by=demo.community)
    services.request_start(request=request, by=demo.community)
    return request


def test_the_queue_shows_requests_first_and_folds_its_filters_under_one_summary(demo, client):
    request = file_request(demo, title="楼道灯不亮")
    client.force_login(demo.community)
    page = client.get("/manage/requests/").text
    assert '<details class="fold" id="queue-filters">' in page, "folded (closed) by default"
    assert page.index("<summary>筛选") < page.index(request.number) < page.index('id="bulk-actions"')
    assert "过滤器" not in page and "“me”" not in page
    filtered = client.get("/manage/requests/", {"status": "submitted", "q": "楼道"}).text
    assert re.search(r"<summary>筛选 <span class=\"count\">已选 2 项</span></summary>", filtered)


def test_the_assignee_filter_is_a_choice_of_me_nobody_yet_or_a_named_person(demo, client):
    mine, nobodys = file_request(demo, title="给我的"), file_request(demo, title="还没人管")
    services.request_assign(request=mine, by=demo.community, assignee=demo.community)
    client.force_login(demo.community)
    page = client.get("/manage/requests/").text
    select = re.search(r'<select name="assignee" id="id_assignee">(.*?)</select>', page, re.S).group(1)
    assert '<option value="me">我</option>' in select and '<option value="none">未派单</option>' in select
    assert f'<option value="{demo.worker.username}">{demo.worker}</option>' in select, "a person in scope, by name"
    for choice, shown, hidden in [("me", mine, nobodys), ("none", nobodys, mine)]:
        rows = client.get("/manage/requests/", {"assignee": choice}).text
        assert shown.number in rows and hidden.number not in rows


def test_the_staff_page_offers_one_button_per_move_and_only_the_fields_each_needs(demo, client):
    request = file_request(demo)
    client.force_login(demo.community)
    page = client.get(f"/manage/requests/{request.number}/").text
    assert 'id="id_action"' not in page and "执行" not in page, "no generic 动作 / 执行 select"
    assert '<button type="submit" name="action" value="accept">受理</button>' in page
    assign = re.search(r'<details class="act" id="act-assign">(.*?)</details>', page, re.S).group(1)
    assert "<summary>派给承办人</summary>" in assign and 'name="assignee"' in assign and 'name="owner"' not in assign
    dispatch = re.search(r'<details class="act" id="act-dispatch">(.*?)</details>', page, re.S).group(1)
    assert 'name="owner"' in dispatch and 'name="assignee"' not in dispatch and ">确认派单</button>" in dispatch
    assert 'id="act-resolve"' not in page, "办结 is not a move a new request can make"
    client.post(f"/manage/requests/{request.number}/act/", {"action": "accept"})
    client.post(f"/manage/requests/{request.number}/act/", {"action": "start"})
    page = client.get(f"/manage/requests/{request.number}/").text
    resolve = re.search(r'<details class="act" id="act-resolve">(.*?)</details>', page, re.S).group(1)
    assert "<summary>办结</summary>" in resolve and "textarea" in resolve and ">确认办结</button>" in resolve
    client.post(f"/manage/requests/{request.number}/act/", {"action": "resolve", "note": "已更换灯泡"})
    request.refresh_from_db()
    assert request.status == Status.RESOLVED


def test_bulk_accept_then_bulk_resolve_with_one_note_keeps_the_rows_ticked(demo, client):
    first, second = file_request(demo, title="第一件"), file_request(demo, title="第二件")
    client.force_login(demo.community)
    response = client.post("/manage/requests/bulk-assign/", {"numbers": [first.number, second.number], "action": "accept", "query": "q=第"})
    assert set(Request.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {Status.ACCEPTED}
    assert response["Location"].startswith("/manage/requests/?q=%E7%AC%AC&picked=")
    page = client.get(response["Location"]).text
    assert f'value="{first.number}" id="pick-{first.number}" checked' in page, "the rows just acted on stay ticked"
    for request in (first, second):
        services.request_start(request=request, by=demo.community)
    client.post("/manage/requests/bulk-assign/", {"numbers": [first.number, second.number], "action": "resolve", "note": "已统一维修"})
    resolved = Request.objects.filter(pk__in=[first.pk, second.pk])
    assert set(resolved.values_list("status", flat=True)) == {Status.RESOLVED}
    assert all(r.events.filter(note="已统一维修").exists() for r in resolved)


def test_a_bulk_move_the_rules_refuse_for_one_request_changes_none_of_them(demo, client):
    ready, new = in_progress(demo, title="办理中"), file_request(demo, title="刚提交")
    client.force_login(demo.community)
    response = client.post(
        "/manage/requests/bulk-assign/", {"numbers": [ready.number, new.number], "action": "resolve", "note": "x"}, follow=True
    )
    assert new.number in response.text and "不能变为" in response.text
    assert Request.objects.get(pk=ready.pk).status == Status.IN_PROGRESS


def test_bulk_dispatch_gives_the_selected_to_a_unit_of_the_community(demo, client):
    first, second = file_request(demo, title="第一件"), file_request(demo, title="第二件")
    client.force_login(demo.community)
    page = client.get("/manage/requests/").text
    assert 'value="committee:xinhong-nanlu-group"' in page
    client.post(
        "/manage/requests/bulk-assign/",
        {"numbers": [first.number, second.number], "action": "dispatch", "owner": "committee:xinhong-nanlu-group"},
    )
    owners = Request.objects.filter(pk__in=[first.pk, second.pk]).values_list("owner_committee__code", flat=True)
    assert set(owners) == {"xinhong-nanlu-group"}


def test_bulk_assignment_without_a_person_is_refused_with_a_message(demo, client):
    request = file_request(demo)
    client.force_login(demo.community)
    response = client.post("/manage/requests/bulk-assign/", {"numbers": [request.number], "action": "assign"}, follow=True)
    assert "请选择诉求" in response.text
    assert Request.objects.get(pk=request.pk).status == Status.SUBMITTED


def waiting_counts(client) -> dict[str, int]:
    page = client.get("/manage/").text
    return {key: int(n) for key, n in re.findall(r'id="waiting-(\w+)"[^>]*><strong>(\d+)</strong>', page)}


def test_the_work_page_shows_community_staff_what_waits_for_them_and_not_another_streets_staff(demo, client):
    outsider = make_staff(role=Role.STREET_STAFF, node=demo.shengdeng)
    before = {}
    for person in (demo.community, outsider):
        client.force_login(person)
        before[person] = waiting_counts(client)
    demo.pending_claim()
    file_request(demo)
    client.force_login(demo.community)
    mine = waiting_counts(client)
    assert (mine["claims"], mine["new_requests"]) == (before[demo.community]["claims"] + 1, before[demo.community]["new_requests"] + 1)
    assert {"callbacks", "extensions", "hours", "overdue_requests"} <= set(mine)
    client.force_login(outsider)
    assert waiting_counts(client) == before[outsider], "another street's staff count none of 新鸿社区's rows"


def test_the_waiting_links_open_the_lists_they_count(demo, client):
    client.force_login(demo.community)
    page = client.get("/manage/").text
    links = re.findall(r'<a href="([^"]+)" id="waiting-', page)
    assert "/manage/requests/?status=submitted" in links and "/manage/requests/?overdue=true" in links
    for link in links:
        assert client.get(link).status_code == 200, link
