"""The way back from a council: when the decision on a need is carried out, every request of its cluster resolves
for its resident to confirm, and the requesters and the need's supporters each hear of it once."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from committees import services as committee_services
from committees.models import Committee, Need
from governance.accounts.models import User
from governance.notifications.models import Notification
from governance.requests import services
from governance.requests.choices import EventKind, Status
from governance.requests.links import demo as links_demo
from governance.requests.links import services as links
from governance.requests.models import Category, Request
from tests.base import make_user

from .helpers import file_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _cluster(demo):
    """Four 新鸿社区 requests about the lights, from three residents: one new, one assigned, one in progress (its
    resident chose not to show it publicly), one resolved and confirmed before the council is done. Taken up as a need of 新鸿社区's welfare committee."""
    neighbour, other = User.objects.get(username="resident_03"), User.objects.get(username="resident_05")
    new = file_request(demo, title="路灯不亮")
    assigned = file_request(demo, title="路灯又坏了")
    working = file_request(demo, resident=neighbour, title="院门口路灯坏了", public=False)  # not shown publicly
    settled = file_request(demo, resident=other, title="新华苑路灯不亮")
    need = links.requests_to_need(
        requests=[new, assigned, working, settled],
        committee=Committee.objects.get(code="xinhong-welfare"),
        title="新鸿社区院落照明",
        text="多位居民反映路灯损坏。",
        by=demo.community,
    )
    services.request_assign(request=assigned, by=demo.community, assignee=demo.worker)
    services.request_start(request=services.request_accept(request=working, by=demo.community), by=demo.community)
    services.request_start(request=services.request_accept(request=settled, by=demo.community), by=demo.community)
    services.request_resolve(request=settled, by=demo.community, note="新华苑路灯已修好。")
    services.request_confirm(request=settled, by=other, rating=5)
    return need, [new, assigned, working], settled


def _decide(need, *titles):
    """The welfare committee puts the need on a meeting's agenda and adopts it, with follow-up actions."""
    welfare = need.committee
    meeting = committee_services.meeting_schedule(
        committee=welfare, title="照明专题会", starts_at=timezone.now() - timedelta(days=2), place="新鸿社区活动室"
    )
    committee_services.agenda_item_add(meeting=meeting, title="", need=need)
    members = {m.pk for m in committee_services.meeting_members(meeting)}
    present = committee_services.attendance_record(meeting=meeting, present_ids=members)
    decision = committee_services.decision_record(
        meeting=meeting, motion="更换院落路灯", votes_for=present, votes_against=0, votes_abstaining=0, outcome="adopted", need=need
    )
    owner = welfare.memberships.get(role="chair", ended_on__isnull=True)
    return [
        committee_services.action_add(meeting=meeting, title=t, owner=owner, due_on=timezone.localdate(), decision=decision) for t in titles
    ]


def _since(pk: int):
    return Notification.objects.filter(pk__gt=pk)


def _last_pk() -> int:
    return Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_the_last_action_done_resolves_the_whole_cluster_and_tells_each_person_once(demo, client):
    need, cluster, settled = _cluster(demo)
    supporter = make_user(home_unit=demo.resident.home_unit)  # supports the need, filed nothing
    committee_services.need_support(need=need, user=supporter)
    buy, fit = _decide(need, "采购路灯", "安装路灯")
    links.request_link_action(request=cluster[0], action=buy, by=demo.community)  # one request's page linked an action
    settled_events = settled.events.count()
    before = _last_pk()
    client.force_login(demo.community)

    client.post(f"/manage/actions/{buy.pk}/done/")
    assert {r.status for r in Request.objects.filter(pk__in=[r.pk for r in cluster])} != {Status.RESOLVED}  # one action of two
    client.post(f"/manage/actions/{fit.pk}/done/", {"result": "院落路灯已全部更换为LED灯。"})

    need.refresh_from_db()
    assert need.status == "done" and need.result == "院落路灯已全部更换为LED灯。"
    for item in Request.objects.filter(pk__in=[r.pk for r in cluster]):
        assert item.status == Status.RESOLVED and item.resolved_at is not None  # each for its resident to confirm
        last = item.events.order_by("-pk").first()
        assert last.kind == EventKind.NEED_DONE and last.actor == demo.community and "LED" in last.text
    settled.refresh_from_db()
    assert settled.status == Status.CLOSED and settled.events.count() == settled_events  # left as it was
    told = Counter(_since(before).values_list("recipient__username", flat=True))
    assert told == Counter({demo.resident.username: 1, "resident_03": 1, "resident_05": 1, supporter.username: 1})
    kinds = dict(_since(before).values_list("recipient__username", "kind"))
    assert kinds == {
        demo.resident.username: "requests.need_resolved",  # filed two requests, a supporter too: told once
        "resident_03": "requests.need_resolved",
        "resident_05": "requests.need_carried_out",  # their request was closed already
        supporter.username: "need.implemented",
    }


def test_a_resident_confirms_the_request_the_council_resolved(demo, client):
    need, cluster, _settled = _cluster(demo)
    (only,) = _decide(need, "更换路灯")
    committee_services.action_complete(action=only, by=demo.community, result="路灯已更换。")
    client.force_login(demo.resident)
    page = client.get(f"/requests/{cluster[0].number}/").text
    assert "路灯已更换。" in page
    services.request_confirm(request=cluster[0], by=demo.resident, rating=5)
    assert Request.objects.get(pk=cluster[0].pk).status == Status.CLOSED


def test_the_needs_page_lists_its_requests_and_shows_its_progress(demo, client):
    need, cluster, settled = _cluster(demo)
    buy, fit = _decide(need, "采购路灯", "安装路灯")
    committee_services.action_complete(action=buy, by=demo.community)

    page = client.get(f"/needs/{need.code}/").text  # anyone

    assert "落实中" in page and "50%" in page  # status, one of two actions done
    assert "路灯不亮" in page and "路灯又坏了" in page and settled.title in page  # its public requests
    assert "院门口路灯坏了" not in page and "1 件诉求未公开" in page
    assert demo.resident.display_name not in page
    for step in ("已提出", "照明专题会", "更换院落路灯", "已完成：采购路灯", "安装路灯"):
        assert step in page
    committee_services.action_complete(action=fit, by=demo.community, result="院落路灯已全部更换。")
    page = client.get(f"/needs/{need.code}/").text
    assert "已落实" in page and "100%" in page and "院落路灯已全部更换。" in page


def test_the_needs_page_costs_the_same_queries_with_one_request_and_step_or_many(demo, client):
    one = links.requests_to_need(
        requests=[file_request(demo, title="楼道灯坏了")],
        committee=Committee.objects.get(code="xinhong-welfare"),
        title="楼道照明",
        text="楼道灯坏了。",
        by=demo.community,
    )
    _decide(one, "更换楼道灯")
    many, _cluster_rows, _settled = _cluster(demo)
    for action in _decide(many, "采购路灯", "安装路灯", "验收"):
        committee_services.action_complete(action=action, by=demo.community)
    client.get(f"/needs/{one.code}/")  # warm the caches
    counts = []
    for need in (one, many):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/needs/{need.code}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_hotline_callers_request_in_the_cluster_is_resolved_and_told_by_sms(demo, sms_outbox, django_capture_on_commit_callbacks):
    from governance.requests.hotline import services as hotline

    call = hotline.hotline_request_file(
        operator=demo.operator,
        phone="13600000099",
        name="王先生",
        category=Category.objects.get(code="facilities"),
        place=demo.resident.home_unit,
        title="路灯坏了没人修",
        text="来电反映院落路灯坏了。",
    )
    need = links.requests_to_need(
        requests=[call], committee=Committee.objects.get(code="xinhong-welfare"), title="院落路灯", text="来电反映。", by=demo.community
    )
    (only,) = _decide(need, "更换路灯")
    sms_outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        committee_services.action_complete(action=only, by=demo.community, result="路灯已更换。")
    call.refresh_from_db()
    assert call.status == Status.RESOLVED
    texts = [sms["text"] for sms in sms_outbox if sms["phone"] == "13600000099"]
    assert len(texts) == 1 and call.number in texts[0] and "路灯已更换" in texts[0]


def test_seed_demo_shows_a_need_that_went_all_the_way_round(demo, client):
    need = Need.objects.get(title=links_demo.TITLE)
    assert need.status == "done" and need.result == links_demo.RESULT
    requests = list(need.requests.all())
    assert len(requests) == 2 and {r.status for r in requests} == {Status.CLOSED}
    for item in requests:
        assert item.events.filter(kind=EventKind.NEED_DONE).count() == 1
        told = Notification.objects.filter(recipient=item.resident, key__startswith=f"need:{need.code}:implemented:")
        assert list(told.values_list("kind", flat=True)) == ["requests.need_resolved"]
    assert need.supports.count() == 2
    page = client.get(f"/needs/{need.code}/").text
    assert "已落实" in page and "100%" in page and links_demo.RESULT in page
    assert all(r.title in page for r in requests)
