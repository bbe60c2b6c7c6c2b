"""Rating as people rate (issue 14, point 3): stars with words, a line saying what happens next, and reopening
still possible within its window after a rating, a low one above all."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.requests import services
from governance.requests.choices import CallbackReason, CallbackStatus, EventKind, Status
from governance.requests.clock import sweeps
from governance.requests.models import Callback, Category, Request
from governance.requests.oversight import services as oversight
from tests.governance.requests.helpers import file_request

pytestmark = pytest.mark.django_db


def resolved(demo, **fields) -> Request:
    request = file_request(demo, **fields)
    services.request_accept(request=request, by=demo.community)
    services.request_start(request=request, by=demo.community)
    services.request_resolve(request=request, by=demo.community, note="已修好")
    return Request.objects.get(pk=request.pk)


def test_after_a_2_star_rating_the_resident_can_still_reopen_and_community_staff_are_to_call_back(demo):
    request = resolved(demo)
    services.request_confirm(request=request, by=demo.resident, rating=2, comment="没修好就走了")
    callback = Callback.objects.get(request=request)
    assert (callback.status, callback.reason) == (CallbackStatus.OPEN, CallbackReason.LOW_RATING)
    services.request_reopen(request=Request.objects.get(pk=request.pk), by=demo.resident, reason="灯还是不亮")
    request.refresh_from_db()
    assert request.status == Status.REOPENED and request.owner_resolve_due_at > timezone.now()
    kinds = list(request.events.filter(kind__in=[EventKind.RATED, EventKind.REOPENED]).order_by("pk").values_list("kind", "to_status"))
    assert kinds == [(EventKind.RATED, Status.CLOSED), (EventKind.REOPENED, Status.REOPENED)]


def test_the_window_counts_from_the_resolution_whether_rated_or_not(demo):
    request = resolved(demo)
    services.request_confirm(request=request, by=demo.resident, rating=5)
    Request.objects.filter(pk=request.pk).update(resolved_at=timezone.now() - timedelta(days=8))
    with pytest.raises(ValidationError, match="7 天内"):
        services.request_reopen(request=Request.objects.get(pk=request.pk), by=demo.resident, reason="又坏了")
    assert Request.objects.get(pk=request.pk).status == Status.CLOSED


def test_a_request_closed_unrated_by_the_system_is_not_reopened_by_the_resident(demo):
    request = resolved(demo)
    Request.objects.filter(pk=request.pk).update(resolved_at=timezone.now() - timedelta(days=8))
    sweeps.requests_close_unconfirmed()
    Request.objects.filter(pk=request.pk).update(resolved_at=timezone.now() - timedelta(days=1))  # even inside the window
    with pytest.raises(ValidationError):
        services.request_reopen(request=Request.objects.get(pk=request.pk), by=demo.resident, reason="又坏了")
    assert Request.objects.get(pk=request.pk).status == Status.CLOSED


def test_only_the_reporter_reopens_a_rated_request(demo):
    request = resolved(demo)
    services.request_confirm(request=request, by=demo.resident, rating=1)
    with pytest.raises(ValidationError):
        services.request_reopen(request=Request.objects.get(pk=request.pk), by=demo.resident2, reason="x")
    with pytest.raises(ValidationError):
        services.status_move(request=Request.objects.get(pk=request.pk), to=Status.REOPENED, by="staff", actor=demo.community)


def test_a_dissatisfied_callback_on_a_request_the_resident_reopened_opens_no_second_callback(demo):
    request = resolved(demo)
    services.request_confirm(request=request, by=demo.resident, rating=2)
    services.request_reopen(request=Request.objects.get(pk=request.pk), by=demo.resident, reason="灯还是不亮")
    callback = Callback.objects.get(request=request)
    oversight.callback_record(callback=callback, by=demo.community, reached=True, satisfaction="dissatisfied", note="确实没修好")
    request.refresh_from_db()
    assert request.status == Status.REOPENED
    assert not request.callbacks.filter(status=CallbackStatus.OPEN).exists()


def test_the_page_shows_stars_with_words_then_what_happens_next_and_the_reopen_form(demo, client):
    request = resolved(demo)
    client.force_login(demo.resident)
    page = client.get(f"/requests/{request.number}/").text
    assert '<fieldset class="stars"' in page
    for word in ["满意", "基本满意", "不满意", "5 星", "1 星"]:
        assert word in page
    client.post(f"/requests/{request.number}/confirm/", {"rating": "2", "comment": "没修好"})
    page = client.get(f"/requests/{request.number}/").text
    assert "社区工作人员将给您电话回访" in page and "前您都可以重新打开此诉求" in page
    assert 'id="reopen-form"' in page and 'id="confirm-form"' not in page
    client.post(f"/requests/{request.number}/reopen/", {"reason": "灯还是不亮"})
    assert Request.objects.get(pk=request.pk).status == Status.REOPENED


def test_after_a_good_rating_outside_the_sample_the_page_says_thank_you_and_nothing_about_a_call(demo, client):
    request = resolved(demo)
    Category.objects.filter(pk=request.category_id).update(callback_share=0)
    client.force_login(demo.resident)
    client.post(f"/requests/{request.number}/confirm/", {"rating": "5"})
    page = client.get(f"/requests/{request.number}/").text
    assert not Callback.objects.filter(request=request).exists()
    assert "感谢您的评价，此诉求已结束。" in page and "回电" not in page
