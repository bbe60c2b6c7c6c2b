"""Requests meet self-governance: a cluster of requests becomes a council need, a covenant settles one, a meeting's action carries it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from committees import services as committee_services
from committees.models import Committee, Need
from courtyards.choices import CovenantKind, EndorsementMethod
from courtyards.models import Community, Covenant
from courtyards.services import covenant_create
from governance.accounts.models import User
from governance.notifications.models import Notification
from governance.requests import services
from governance.requests.choices import EventKind, Status
from governance.requests.links import services as links
from governance.requests.models import Request

from .helpers import file_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _cluster(demo) -> list[Request]:
    """Three similar 新鸿社区 requests about the lights, from two residents."""
    neighbour = User.objects.get(username="resident_03")
    return [
        file_request(demo, title="路灯不亮"),
        file_request(demo, title="路灯又坏了"),
        file_request(demo, resident=neighbour, title="院门口路灯坏了"),
    ]


def _post_need(client, item: Request, others: list[Request], committee: Committee):
    return client.post(
        f"/manage/requests/{item.number}/need/",
        {
            "need-others": [o.number for o in others],
            "need-committee": committee.code,
            "need-title": "新鸿南路院落照明",
            "need-text": "多位居民反映路灯损坏。",
        },
    )


def test_demo_community_turns_similar_xinhong_requests_into_a_need_of_a_xinhong_committee(demo, client):
    first, second, third = _cluster(demo)
    welfare = Committee.objects.get(code="xinhong-welfare")
    client.force_login(demo.community)
    page = client.get(f"/manage/requests/{first.number}/")
    assert second.number in page.text and welfare.name in page.text  # the similar requests and the body are offered

    response = _post_need(client, first, [second, third], welfare)

    assert response.status_code == 302
    need = Need.objects.get(title="新鸿南路院落照明")
    assert need.committee == welfare and need.community == demo.xinhong
    assert set(need.requests.values_list("pk", flat=True)) == {first.pk, second.pk, third.pk}
    assert need.supports.count() == 2  # two distinct filers, however many requests each filed
    for item in (first, second, third):
        assert item.events.filter(kind=EventKind.NEED).count() == 1
        told = Notification.objects.filter(recipient=item.resident, kind="requests.need", params__number=item.number)
        assert told.filter(params__need=need.title).count() == 1


def test_the_resident_sees_the_need_on_their_request_page(demo, client):
    first, second, _ = _cluster(demo)
    need = links.requests_to_need(
        requests=[first, second], committee=Committee.objects.get(code="xinhong-welfare"), title="照明", text="路灯", by=demo.community
    )
    client.force_login(demo.resident)
    page = client.get(f"/requests/{first.number}/").text
    assert f"/needs/{need.code}/" in page and "照明" in page


def test_a_resident_who_already_supports_the_need_counts_once(demo):
    first, second, third = _cluster(demo)
    need = links.requests_to_need(
        requests=[first, second, third],
        committee=Committee.objects.get(code="xinhong-welfare"),
        title="照明",
        text="路灯",
        by=demo.community,
    )
    with pytest.raises(ValidationError):
        committee_services.need_support(need=need, user=demo.resident)
    assert need.supports.count() == 2


def _unchanged(requests) -> bool:
    new_needs = Need.objects.filter(title__in=["照明", "新鸿南路院落照明"])
    return not new_needs.exists() and not Request.objects.filter(pk__in=[r.pk for r in requests], need__isnull=False).exists()


def test_a_request_from_hualin_is_refused_and_nothing_changes(demo):
    xinhong = file_request(demo)
    hualin = file_request(demo, resident=demo.resident2, title="路灯坏了")
    with pytest.raises(ValidationError, match="另一个社区|another community"):
        links.requests_to_need(
            requests=[xinhong, hualin], committee=Committee.objects.get(code="xinhong-welfare"), title="照明", text="路灯", by=demo.admin
        )
    assert _unchanged([xinhong, hualin])
    assert not Notification.objects.filter(key__contains=":need:").exists()


def test_the_staff_page_refuses_a_hualin_request_slipped_into_the_form(demo, client):
    xinhong = file_request(demo)
    hualin = file_request(demo, resident=demo.resident2, title="路灯坏了")
    client.force_login(demo.community)
    response = _post_need(client, xinhong, [hualin], Committee.objects.get(code="xinhong-welfare"))
    assert response.status_code == 302
    assert _unchanged([xinhong, hualin])


def test_a_closed_request_cannot_join_a_need(demo):
    open_one = file_request(demo)
    closed = Request.objects.get(title="人行道破损")
    with pytest.raises(ValidationError, match="人行道|CH-"):
        links.requests_to_need(
            requests=[open_one, closed], committee=Committee.objects.get(code="xinhong-welfare"), title="照明", text="x", by=demo.community
        )
    assert _unchanged([open_one, closed])


def test_a_committee_of_another_community_is_refused(demo):
    first, second, _ = _cluster(demo)
    with pytest.raises(ValidationError):
        links.requests_to_need(
            requests=[first, second],
            committee=Committee.objects.get(code="hualin-public-environment"),
            title="照明",
            text="x",
            by=demo.admin,
        )
    assert _unchanged([first, second])


def test_citing_the_covenant_shows_on_the_request_page(demo, client):
    item = Request.objects.get(title="楼上深夜打麻将")
    covenant = Covenant.objects.get(code="xinhong-mahjong")
    client.force_login(demo.community)
    page = client.get(f"/manage/requests/{item.number}/").text
    assert covenant.title in page  # offered in the select

    response = client.post(f"/manage/requests/{item.number}/covenant/", {"covenant-covenant": covenant.code})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.covenant == covenant and item.events.filter(kind=EventKind.COVENANT).exists()
    client.force_login(demo.resident)
    page = client.get(f"/requests/{item.number}/").text
    assert covenant.title in page and f"/covenants/{covenant.code}/" in page


def test_a_covenant_of_another_community_is_refused(demo):
    item = Request.objects.get(title="楼上深夜打麻将")
    hualin_covenant = covenant_create(
        place=Community.objects.get(code="hualin"),
        code="hualin-test",
        kind=CovenantKind.COVENANT,
        title="华林公约",
        text="文明养犬。",
        adopted_on=timezone.localdate(),
        method=EndorsementMethod.ASSEMBLY,
    )
    with pytest.raises(ValidationError):
        links.request_cite_covenant(request=item, covenant=hualin_covenant, by=demo.admin)
    item.refresh_from_db()
    assert item.covenant is None and not item.events.filter(kind=EventKind.COVENANT).exists()


def test_a_meetings_follow_up_action_is_linked_and_shown(demo, client):
    welfare = Committee.objects.get(code="xinhong-welfare")
    meeting = committee_services.meeting_schedule(
        committee=welfare, title="照明议事", starts_at=timezone.now() + timedelta(days=1), place="社区活动室"
    )
    owner = welfare.memberships.filter(ended_on__isnull=True).first()
    action = committee_services.action_add(meeting=meeting, title="更换院落路灯", owner=owner, due_on=timezone.localdate())
    item = file_request(demo)
    client.force_login(demo.community)

    response = client.post(f"/manage/requests/{item.number}/follow-up/", {"follow-action": action.pk})

    assert response.status_code == 302
    assert list(item.follow_up_actions.all()) == [action]
    client.force_login(demo.resident)
    assert "更换院落路灯" in client.get(f"/requests/{item.number}/").text
    with pytest.raises(ValidationError):
        links.request_link_action(request=item, action=action, by=demo.community)  # twice is refused


def test_staff_resolve_a_request_citing_the_covenant_in_one_step(demo, client):
    item = Request.objects.get(title="楼上深夜打麻将")
    covenant = Covenant.objects.get(code="xinhong-mahjong")
    services.request_start(request=services.request_accept(request=item, by=demo.community), by=demo.community)
    client.force_login(demo.community)

    client.post(f"/manage/requests/{item.number}/act/", {"action": "resolve", "note": "按公约约定已调解。", "covenant": covenant.code})

    item.refresh_from_db()
    assert item.status == Status.RESOLVED and item.covenant == covenant


def test_resolving_with_an_unknown_covenant_changes_nothing(demo, client):
    item = Request.objects.get(title="楼上深夜打麻将")
    services.request_start(request=services.request_accept(request=item, by=demo.community), by=demo.community)
    client.force_login(demo.community)

    client.post(f"/manage/requests/{item.number}/act/", {"action": "resolve", "note": "已调解。", "covenant": "no-such-covenant"})

    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS and item.covenant is None


def test_the_public_feed_names_the_covenant_a_request_was_settled_by(demo, client):
    item = Request.objects.get(title="楼上深夜打麻将")
    covenant = Covenant.objects.get(code="xinhong-mahjong")
    links.request_cite_covenant(request=item, covenant=covenant, by=demo.community)
    page = client.get(f"/communities/{demo.xinhong.code}/requests/").text
    assert covenant.title in page and demo.resident.display_name not in page


def test_the_staff_page_costs_the_same_queries_with_one_similar_request_or_many(demo, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    item = file_request(demo)
    file_request(demo, title="路灯又坏了")
    client.force_login(demo.community)
    client.get(f"/manage/requests/{item.number}/")  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        client.get(f"/manage/requests/{item.number}/")
    for n in range(4):
        file_request(demo, resident=User.objects.get(username="resident_03"), title=f"路灯坏了{n}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(f"/manage/requests/{item.number}/")
    assert "路灯坏了3" in page.text
    assert len(many) == len(one), (len(one), len(many))


@pytest.mark.django_db
def test_the_staff_page_offers_the_newest_50_similar_requests_and_finds_older_ones_by_search(client, demo):
    from governance.requests.links.selectors import NEWEST_CHOICES

    first = file_request(demo, title="最早的同类诉求")
    for n in range(NEWEST_CHOICES + 2):
        item = file_request(demo, title=f"同类诉求 {n}")
    Request.objects.filter(pk=first.pk).update(created_at=first.created_at - timedelta(days=30))
    client.force_login(demo.community)
    url = reverse("requests:staff_detail", kwargs={"number": item.number})
    page = client.get(url).text
    assert page.count('name="need-others"') == NEWEST_CHOICES
    assert first.number not in page.split('id="need-form"')[1].split("</form>")[0]
    found = client.get(url, {"similar": first.number}).text
    assert f'value="{first.number}"' in found.split('id="need-form"')[1]
