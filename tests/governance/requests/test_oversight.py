"""督办 and 回访 as a street office and a community office practise them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.notifications.models import Notification
from governance.reports import figures
from governance.requests import services
from governance.requests.choices import CallbackReason, CallbackStatus, EventKind, Status
from governance.requests.clock import sweeps as deadlines
from governance.requests.models import Callback, Category, Request, Supervision
from governance.requests.oversight import services as oversight
from governance.requests.public import selectors as public

from .helpers import file_request

pytestmark = pytest.mark.django_db


def told(user, request, kind: str) -> int:
    return Notification.objects.filter(recipient=user, kind=kind, key__startswith=f"request:{request.number}:").count()


def in_days(n: int):
    return timezone.localdate() + timedelta(days=n)


# --- 督办 -------------------------------------------------------------------------------------------


def test_the_street_issues_a_supervision_with_a_reply_date_and_the_owner_replies(demo, client):
    request = file_request(demo)  # owned by 新鸿社区: demo_community speaks for it
    client.force_login(demo.street)
    response = client.post(
        f"/manage/requests/{request.number}/supervise/", {"instruction": "请三日内答复处理进展", "reply_due_on": in_days(3).isoformat()}
    )
    assert response.status_code == 302
    supervision = Supervision.objects.get(request=request)
    assert (supervision.issued_by, supervision.reply_due_on, supervision.replied_at) == (demo.street, in_days(3), None)
    assert supervision.community == demo.xinhong and Request.objects.get(pk=request.pk).supervised
    assert told(demo.community, request, "requests.supervised") == 1
    assert request.events.filter(kind=EventKind.SUPERVISED).exists()

    client.force_login(demo.community)
    page = client.get(f"/manage/requests/{request.number}/").text
    assert "请三日内答复处理进展" in page and 'id="supervision-reply-form"' in page and 'id="supervise-form"' not in page
    client.post(f"/manage/supervisions/{supervision.pk}/reply/", {"reply": "已安排电工明日更换灯泡"})
    supervision.refresh_from_db()
    assert (supervision.reply, supervision.replied_by) == ("已安排电工明日更换灯泡", demo.community) and supervision.replied_at
    assert request.events.filter(kind=EventKind.SUPERVISION_REPLY, note="已安排电工明日更换灯泡").exists()
    assert told(demo.street, request, "requests.supervision_reply") == 1
    client.force_login(demo.street)
    assert "已安排电工明日更换灯泡" in client.get(f"/manage/requests/{request.number}/").text


def test_a_supervision_needs_a_reply_date_not_in_the_past(demo):
    request = file_request(demo)
    for due in (None, in_days(-1)):
        with pytest.raises(ValidationError):
            oversight.supervision_issue(request=request, by=demo.street, instruction="尽快", reply_due_on=due)
    assert not Supervision.objects.filter(request=request).exists()


def test_an_unanswered_supervision_past_its_date_shows_as_overdue_on_the_supervisors_list(demo, client):
    late = file_request(demo, title="逾期未答复的督办")
    on_time = file_request(demo, title="按期的督办")
    oversight.supervision_issue(request=late, by=demo.street, instruction="请答复", reply_due_on=in_days(1))
    oversight.supervision_issue(request=on_time, by=demo.street, instruction="请答复", reply_due_on=in_days(5))
    Supervision.objects.filter(request=late).update(reply_due_on=in_days(-2))  # two days pass without a reply
    client.force_login(demo.street)
    page = client.get("/manage/supervisions/").text
    assert "card overdue" in page and "按期的督办" in page
    assert page.index("逾期未答复的督办") < page.index("按期的督办")  # overdue first
    overdue_only = client.get("/manage/supervisions/", {"overdue": "true"}).text
    assert "逾期未答复的督办" in overdue_only and "按期的督办" not in overdue_only


def test_community_staff_and_outsiders_cannot_supervise(demo, client):
    request = file_request(demo)
    client.force_login(demo.community)  # may handle the request, but 督办 is the street's
    client.post(f"/manage/requests/{request.number}/supervise/", {"instruction": "x", "reply_due_on": in_days(2).isoformat()})
    client.force_login(demo.resident2)
    response = client.post(f"/manage/requests/{request.number}/supervise/", {"instruction": "x", "reply_due_on": in_days(2).isoformat()})
    assert response.status_code == 404
    assert not Supervision.objects.filter(request=request).exists() and not Request.objects.get(pk=request.pk).supervised


def test_only_the_owner_replies_to_a_supervision(demo, client):
    request = file_request(demo)
    supervision = oversight.supervision_issue(request=request, by=demo.street, instruction="请答复", reply_due_on=in_days(2))
    with pytest.raises(ValidationError):
        oversight.supervision_reply(supervision=supervision, by=demo.resident, reply="我来答复")
    client.force_login(demo.resident2)
    assert client.post(f"/manage/supervisions/{supervision.pk}/reply/", {"reply": "x"}).status_code == 404
    supervision.refresh_from_db()
    assert supervision.replied_at is None and supervision.reply == ""


# --- 回访 -------------------------------------------------------------------------------------------


def closed(demo, *, rating: int | None = 5, **fields) -> Request:
    request = file_request(demo, **fields)
    services.request_accept(request=request, by=demo.community)
    services.request_start(request=request, by=demo.community)
    services.request_resolve(request=request, by=demo.community, note="已修好")
    services.request_confirm(request=request, by=request.resident, rating=rating)
    return Request.objects.get(pk=request.pk)


def test_every_closed_request_gets_a_callback_for_community_staff(demo):
    request = closed(demo, rating=5)
    callback = Callback.objects.get(request=request)
    assert (callback.status, callback.reason, callback.community) == (CallbackStatus.OPEN, CallbackReason.SAMPLED, demo.xinhong)
    assert told(demo.community, request, "requests.callback_due") == 1


def test_a_category_share_samples_closed_requests_by_id_but_low_ratings_always_get_one(demo):
    Category.objects.filter(code="facilities").update(callback_share=50)
    requests = [closed(demo, rating=5, title=f"路灯{n}") for n in range(4)]
    called = {r.pk for r in requests if Callback.objects.filter(request=r).exists()}
    assert called == {r.pk for r in requests if r.pk % 100 < 50}
    Category.objects.filter(code="facilities").update(callback_share=0)
    assert not Callback.objects.filter(request=closed(demo, rating=4, title="不抽")).exists()
    low = closed(demo, rating=1, title="差评")
    assert Callback.objects.get(request=low).reason == CallbackReason.LOW_RATING


def test_a_callback_records_reached_and_satisfaction_with_a_note(demo, client):
    request = closed(demo, rating=4)
    callback = Callback.objects.get(request=request)
    client.force_login(demo.community)
    assert request.number in client.get("/manage/callbacks/").text
    client.post(f"/manage/callbacks/{callback.pk}/done/", {"reached": "yes", "satisfaction": "basically", "note": "居民认可"})
    callback.refresh_from_db()
    assert (callback.status, callback.reached, callback.satisfaction, callback.outcome) == ("done", True, "basically", "居民认可")
    assert callback.attempts == 1 and callback.done_by == demo.community
    assert request.events.filter(kind=EventKind.CALLBACK, note__contains="居民认可").exists()


def test_reached_without_a_satisfaction_is_refused(demo, client):
    callback = Callback.objects.get(request=closed(demo))
    client.force_login(demo.community)
    client.post(f"/manage/callbacks/{callback.pk}/done/", {"reached": "yes", "note": "x"})
    callback.refresh_from_db()
    assert (callback.status, callback.attempts, callback.reached) == ("open", 0, None)


def test_a_resident_not_reached_is_called_again_until_the_limit(demo):
    callback = Callback.objects.get(request=closed(demo))
    for attempt in range(1, Callback.MAX_ATTEMPTS + 1):
        oversight.callback_record(callback=callback, by=demo.community, reached=False, note="无人接听")
        callback.refresh_from_db()
        assert callback.attempts == attempt and callback.reached is False
        assert callback.status == (CallbackStatus.UNREACHED if attempt == Callback.MAX_ATTEMPTS else CallbackStatus.OPEN)
    with pytest.raises(ValidationError):
        oversight.callback_record(callback=callback, by=demo.community, reached=False)


def test_a_dissatisfied_callback_reopens_the_request(demo, client):
    request = closed(demo, rating=3)
    callback = Callback.objects.get(request=request)
    client.force_login(demo.community)
    client.post(f"/manage/callbacks/{callback.pk}/done/", {"reached": "yes", "satisfaction": "dissatisfied", "note": "灯又不亮了"})
    request.refresh_from_db()
    assert request.status == Status.REOPENED
    event = request.events.filter(kind=EventKind.REOPENED).get()
    assert (event.from_status, event.to_status, event.actor) == (Status.CLOSED, Status.REOPENED, demo.community)
    assert event.public and "灯又不亮了" not in event.note  # what was said on the phone stays internal
    assert request.events.filter(kind=EventKind.CALLBACK, public=False, note__contains="灯又不亮了").exists()
    # handled again and closed again: a new callback
    services.request_start(request=request, by=demo.community)
    services.request_resolve(request=request, by=demo.community, note="换了整套灯具")
    services.request_confirm(request=request, by=request.resident, rating=5)
    assert request.callbacks.filter(status=CallbackStatus.OPEN).count() == 1


def test_a_dissatisfied_callback_on_a_request_closed_too_long_ago_opens_a_second_callback(demo):
    request = closed(demo, rating=3)
    Request.objects.filter(pk=request.pk).update(closed_at=timezone.now() - timedelta(days=45))
    callback = Callback.objects.get(request=request)
    oversight.callback_record(callback=callback, by=demo.community, reached=True, satisfaction="dissatisfied", note="不满意")
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    second = request.callbacks.get(status=CallbackStatus.OPEN)
    assert second.reason == CallbackReason.SECOND and second.pk != callback.pk


def test_staff_cannot_reopen_a_closed_request_by_hand(demo):
    request = closed(demo)
    with pytest.raises(ValidationError):
        services.status_move(request=request, to=Status.REOPENED, by="staff", actor=demo.community)


# --- 满意率: the latest reached callback, else the rating, else not counted ---------------------------


def _called(demo, request, satisfaction: str | None, *, title: str = "") -> None:
    callback = request.callbacks.get(status=CallbackStatus.OPEN)
    reached = satisfaction is not None
    oversight.callback_record(callback=callback, by=demo.community, reached=reached, satisfaction=satisfaction or "", note=title)


def _closed_unrated(demo, title: str) -> Request:
    request = file_request(demo, title=title)
    services.request_accept(request=request, by=demo.community)
    services.request_start(request=request, by=demo.community)
    services.request_resolve(request=request, by=demo.community, note="已修好")
    Request.objects.filter(pk=request.pk).update(resolved_at=timezone.now() - timedelta(days=8))
    deadlines.requests_close_unconfirmed()
    return Request.objects.get(pk=request.pk)


def test_the_satisfaction_rate_on_the_public_page_follows_the_one_rule(demo, client, without_demo_requests):
    _called(demo, closed(demo, rating=5, title="A"), "satisfied")  # satisfied
    _called(demo, closed(demo, rating=2, title="B"), "basically")  # the callback outweighs the rating: satisfied
    _called(demo, closed(demo, rating=5, title="C"), "dissatisfied")  # dissatisfied (and reopened)
    _called(demo, closed(demo, rating=4, title="D"), None)  # not reached: the rating decides, satisfied
    closed(demo, rating=3, title="E")  # no call yet: rating 3, dissatisfied
    closed(demo, rating=5, title="H")  # no call yet: rating 5, satisfied
    _called(demo, _closed_unrated(demo, "F"), None)  # neither a reached callback nor a rating: not counted
    _called(demo, _closed_unrated(demo, "G"), "satisfied")  # no rating, but the callback: satisfied
    assert Request.objects.get(title="C").status == Status.REOPENED

    rate = public.satisfaction_rate(demo.xinhong, timezone.now() - timedelta(days=30), timezone.now() + timedelta(days=1))
    assert (rate.numerator, rate.denominator) == (5, 7)  # A B D G H of A B C D E G H; ratings alone would say 4 of 6
    body = client.get(reverse("public_requests:stats", kwargs={"code": "xinhong"}), {"days": 30}).content.decode()
    assert "71.4%" in body
    today = timezone.localdate()
    report = figures.three_rates(demo.xinhong, today - timedelta(days=30), today + timedelta(days=1))
    assert (report["satisfied"], report["rated"]) == (5, 7)
