"""The request workflow as residents and staff live it: every move through the one state machine."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone

from governance.accounts.choices import Role
from governance.notifications.models import Notification
from governance.requests import services
from governance.requests.choices import CallbackStatus, EventKind, OwnerBody, Status
from governance.requests.models import Callback, Category, Request, Support
from governance.requests.oversight import services as oversight
from tests.base import make_staff, make_user

from .helpers import file_request

pytestmark = pytest.mark.django_db


def notifications_for(user, request):
    return Notification.objects.filter(recipient=user, key__startswith=f"request:{request.number}:")


def test_a_submitted_request_gets_a_number_a_route_deadlines_and_a_receipt(demo):
    request = file_request(demo)
    assert request.number == f"CH-{timezone.localdate().year}-{request.pk:06d}"
    assert (request.community, request.street, request.courtyard) == (demo.xinhong, demo.shuangqiaozi, demo.resident.home_unit.courtyard)
    assert request.owner_body == OwnerBody.COMMUNITY and request.owner_label == "新鸿社区"
    assert request.accept_due_at < request.resolve_due_at
    assert list(request.events.values_list("kind", flat=True)) == [EventKind.SUBMITTED]
    assert notifications_for(demo.resident, request).count() == 1


@pytest.mark.parametrize(
    ("category", "body", "label"),
    [
        ("noise", OwnerBody.COURTYARD_GROUP, "新鸿南路院落自治小组"),
        ("greening", OwnerBody.COMMUNITY, "新鸿社区"),  # 新鸿社区 has no 公共环境委员会: the community takes it
        ("roads", OwnerBody.DEPARTMENT, "双桥子街道综合行政执法队"),
        ("safety", OwnerBody.COMMITTEE, "安全与民调委员会"),
    ],
)
def test_the_seeds_cases_are_routed_to_bodies_that_exist_at_the_place(demo, category, body, label):
    request = file_request(demo, category=category)
    assert (request.owner_body, request.owner_name, request.owner_label) == (body, label, label)


def test_the_whole_journey_notifies_the_resident_at_each_step_and_the_assignee_once(demo):
    request = file_request(demo)
    services.request_accept(request=request, by=demo.community)
    services.request_assign(request=request, by=demo.community, assignee=demo.worker)
    services.request_start(request=request, by=demo.worker)
    services.request_resolve(request=request, by=demo.worker, note="已更换灯泡")
    services.request_confirm(request=request, by=demo.resident, rating=5, comment="很快")
    request.refresh_from_db()
    assert request.status == Status.CLOSED and request.rating == 5 and request.closed_at
    statuses = list(request.events.exclude(to_status="").values_list("to_status", flat=True))
    assert statuses == ["submitted", "accepted", "assigned", "in_progress", "resolved", "closed"]
    assert notifications_for(demo.resident, request).count() == 6  # the receipt and five changes
    assert notifications_for(demo.worker, request).filter(kind="requests.assigned").count() == 1


def test_a_forbidden_transition_is_refused_with_a_clear_message_and_changes_nothing(demo):
    request = file_request(demo)
    events = request.events.count()
    with pytest.raises(ValidationError, match="不能变为"):
        services.request_resolve(request=request, by=demo.community, note="done")
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED and request.events.count() == events


def test_rejecting_needs_a_reason(demo):
    request = file_request(demo)
    with pytest.raises(ValidationError):
        services.request_reject(request=request, by=demo.community, reason="  ")
    services.request_reject(request=request, by=demo.community, reason="属物业职责")
    request.refresh_from_db()
    assert request.status == Status.REJECTED and request.events.last().note == "属物业职责"


def test_staff_of_another_street_cannot_act_and_the_assignee_must_cover_the_request(demo):
    request = file_request(demo)
    outsider = make_staff(role=Role.STREET_STAFF, node=demo.shengdeng)
    with pytest.raises(ValidationError):
        services.request_accept(request=request, by=outsider)
    with pytest.raises(ValidationError, match="所在区域"):
        services.request_assign(request=request, by=demo.community, assignee=outsider)
    with pytest.raises(ValidationError):
        services.request_assign(request=request, by=demo.community, assignee=demo.resident2)
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED and request.assignee is None


def test_assigning_a_submitted_request_accepts_it_first(demo):
    request = file_request(demo)
    services.request_assign(request=request, by=demo.street, assignee=demo.worker)
    request.refresh_from_db()
    assert request.status == Status.ASSIGNED and request.accepted_at and request.assignee == demo.worker


@pytest.mark.django_db(transaction=True)
def test_two_officers_accepting_at_once_cannot_both_win(demo_tx):
    request = file_request(demo_tx)
    barrier, outcomes = threading.Barrier(2), []

    def accept(user):
        close_old_connections()
        try:
            barrier.wait()
            services.request_accept(request=request, by=user)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(u,)) for u in (demo_tx.community, demo_tx.street)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(outcomes) == ["ok", "refused"]
    assert request.events.filter(to_status=Status.ACCEPTED).count() == 1


def test_merging_a_duplicate_links_it_and_tells_its_reporter_and_supporters(demo):
    original = file_request(demo, title="路灯不亮")
    neighbour = make_user(home_unit=demo.resident.home_unit)
    duplicate = file_request(demo, resident=neighbour, title="门口路灯坏了")
    supporter = make_user(home_unit=demo.resident.home_unit)
    Support.objects.create(request=duplicate, user=supporter)
    services.request_merge(request=duplicate, into=original, by=demo.community)
    duplicate.refresh_from_db()
    assert duplicate.status == Status.MERGED and duplicate.merged_into == original
    assert notifications_for(neighbour, duplicate).filter(kind="requests.status").count() == 1
    assert notifications_for(supporter, duplicate).count() == 1
    assert original.events.filter(kind=EventKind.MERGED).exists()


def test_merging_into_another_community_or_a_closed_request_is_refused(demo):
    here = file_request(demo)
    there = file_request(demo, resident=demo.resident2)
    with pytest.raises(ValidationError, match="同一社区"):
        services.request_merge(request=here, into=there, by=demo.admin)
    with pytest.raises(ValidationError):
        services.request_merge(request=here, into=here, by=demo.admin)


def test_a_low_rating_opens_a_callback_for_community_staff(demo):
    request = resolved(demo)
    services.request_confirm(request=request, by=demo.resident, rating=2, comment="没修好就走了")
    callback = Callback.objects.get(request=request)
    assert callback.status == CallbackStatus.OPEN and callback.community == demo.xinhong
    assert notifications_for(demo.community, request).filter(kind="requests.callback").count() == 1
    oversight.callback_record(callback=callback, by=demo.community, reached=True, satisfaction="basically", note="已致歉并安排返工")
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.DONE
    with pytest.raises(ValidationError):
        oversight.callback_record(callback=callback, by=demo.community, reached=True, satisfaction="satisfied", note="again")


def test_only_the_reporter_confirms_and_only_with_a_rating_of_1_to_5(demo):
    request = resolved(demo)
    with pytest.raises(ValidationError):
        services.request_confirm(request=request, by=demo.resident2, rating=5)
    with pytest.raises(ValidationError):
        services.request_confirm(request=request, by=demo.resident, rating=7)
    request.refresh_from_db()
    assert request.status == Status.RESOLVED and request.rating is None


def test_the_resident_reopens_within_7_days_but_not_after(demo):
    request = resolved(demo)
    services.request_reopen(request=request, by=demo.resident, reason="又坏了")
    request.refresh_from_db()
    assert request.status == Status.REOPENED and request.resolve_due_at > timezone.now()
    services.request_start(request=request, by=demo.community)
    services.request_resolve(request=request, by=demo.community, note="再次修好")
    Request.objects.filter(pk=request.pk).update(resolved_at=timezone.now() - timedelta(days=8))
    with pytest.raises(ValidationError, match="7 天内"):
        services.request_reopen(request=request, by=demo.resident, reason="还是坏")


def test_only_street_staff_put_a_request_under_supervision(demo):
    request = file_request(demo)
    with pytest.raises(ValidationError, match="街道工作人员"):
        oversight.supervision_issue(request=request, by=demo.community, instruction="x", reply_due_on=timezone.localdate())
    oversight.supervision_issue(request=request, by=demo.street, instruction="请三日内办结", reply_due_on=timezone.localdate())
    request.refresh_from_db()
    assert request.supervised and request.supervised_by == demo.street
    assert notifications_for(demo.community, request).filter(kind="requests.supervised").count() == 1


def test_bulk_assign_assigns_all_or_none(demo):
    first, second = file_request(demo), file_request(demo, title="第二件")
    hualin = file_request(demo, resident=demo.resident2)
    queryset = Request.objects.filter(pk__in=[first.pk, second.pk])
    assert services.requests_bulk_assign(requests=queryset, by=demo.community, assignee=demo.worker) == 2
    with pytest.raises(ValidationError, match=hualin.number):
        services.requests_bulk_assign(requests=Request.objects.filter(pk__in=[hualin.pk]), by=demo.admin, assignee=demo.worker)
    hualin.refresh_from_db()
    assert hualin.assignee is None and hualin.status == Status.SUBMITTED


def test_an_inactive_category_is_refused(demo):
    Category.objects.filter(code="other").update(active=False)
    with pytest.raises(ValidationError):
        file_request(demo, category="other")


def resolved(demo) -> Request:
    request = file_request(demo)
    services.request_accept(request=request, by=demo.community)
    services.request_start(request=request, by=demo.community)
    services.request_resolve(request=request, by=demo.community, note="已修好")
    request.refresh_from_db()
    return request


def test_followers_of_the_community_hear_of_a_new_public_request_once(demo):
    from governance.requests.public import services as public_services

    follower = make_user(home_unit=demo.resident.home_unit)
    public_services.feed_follow(user=follower, community=demo.xinhong)
    file_request(demo, title="公开的诉求")
    file_request(demo, title="不公开的诉求", public=False)
    assert Notification.objects.filter(recipient=follower, kind="requests.feed_new").count() == 1
