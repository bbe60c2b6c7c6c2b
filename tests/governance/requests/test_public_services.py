"""Residents add their voice (+1) instead of filing duplicates, and follow a community's public requests."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.notifications.models import Notification
from governance.requests import notify
from governance.requests.choices import Status
from governance.requests.models import FeedFollow, Support
from governance.requests.public import services as public_services
from tests.base import make_request, make_user, request_set

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_demo_requests")]


@pytest.fixture
def lamp(demo):
    return make_request(resident=demo.resident, title="楼道灯坏了")


def test_a_second_plus_one_from_the_same_resident_counts_once(demo, lamp):
    public_services.support_add(request=lamp, user=demo.resident2)
    with pytest.raises(ValidationError, match="already support|已经支持"):
        public_services.support_add(request=lamp, user=demo.resident2)
    lamp.refresh_from_db()
    assert lamp.support_count == 1 and Support.objects.filter(request=lamp).count() == 1
    public_services.support_add(request=lamp, user=make_user())
    lamp.refresh_from_db()
    assert lamp.support_count == 2


def test_plus_one_through_the_page_says_why_a_second_is_refused(client, demo, lamp):
    client.force_login(demo.resident2)
    target = reverse("public_requests:support", kwargs={"number": lamp.number})
    first = client.post(target, follow=True)
    assert "Thank you" in first.content.decode() or "谢谢" in first.content.decode()
    second = client.post(target, follow=True)
    assert "already support" in second.content.decode() or "已经支持" in second.content.decode()
    lamp.refresh_from_db()
    assert lamp.support_count == 1


def test_plus_one_from_the_suggestion_list_answers_in_place(client, demo, lamp):
    client.force_login(demo.resident2)
    answer = client.post(reverse("public_requests:support", kwargs={"number": lamp.number}), HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and 'role="status"' in answer.content.decode()
    assert answer.templates[0].name == "requests/public/support_result.html"


def test_residents_cannot_support_their_own_closed_or_private_requests(demo, lamp):
    with pytest.raises(ValidationError):
        public_services.support_add(request=lamp, user=demo.resident)
    closed = request_set(make_request(resident=demo.resident), status=Status.CLOSED)
    with pytest.raises(ValidationError):
        public_services.support_add(request=closed, user=demo.resident2)
    private = make_request(resident=demo.resident, public=False)
    with pytest.raises(ValidationError):
        public_services.support_add(request=private, user=demo.resident2)
    assert not Support.objects.exists()


def test_a_private_request_cannot_be_found_to_support(client, demo):
    private = make_request(resident=demo.resident, public=False)
    client.force_login(demo.resident2)
    assert client.post(reverse("public_requests:support", kwargs={"number": private.number})).status_code == 404


def test_followers_are_told_of_a_new_public_request_once(demo):
    follower = make_user()
    public_services.feed_follow(user=follower, community=demo.xinhong)
    public_services.feed_follow(user=follower, community=demo.xinhong)  # following twice is following once
    public_services.feed_follow(user=demo.resident, community=demo.xinhong)  # the reporter is not told of their own
    public_services.feed_follow(user=demo.resident2, community=demo.hualin)
    request = make_request(resident=demo.resident, title="广场舞噪音")
    assert notify.followers_told(request=request) == 1
    notify.followers_told(request=request)  # the submission path may call it again: nobody is told twice
    notes = Notification.objects.filter(kind=notify.FEED_NEW)
    assert [n.recipient for n in notes] == [follower]
    assert notes[0].params["title"] == "广场舞噪音" and notes[0].link == reverse("public_requests:feed", kwargs={"code": "xinhong"})


def test_private_requests_tell_no_follower(demo):
    public_services.feed_follow(user=make_user(), community=demo.xinhong)
    assert notify.followers_told(request=make_request(resident=demo.resident, public=False)) == 0
    assert not Notification.objects.filter(kind=notify.FEED_NEW).exists()


def test_an_open311_report_tells_followers(client, demo):
    from tests.base import OPEN311_TEST_KEY, make_api_key, make_category

    make_category()
    make_api_key()
    follower = make_user()
    public_services.feed_follow(user=follower, community=demo.xinhong)
    client.post(
        reverse("open311:requests", kwargs={"fmt": "json"}),
        {"api_key": OPEN311_TEST_KEY, "service_code": "noise", "description": "噪音", "address_string": "新鸿社区"},
    )
    assert Notification.objects.filter(kind=notify.FEED_NEW, recipient=follower).count() == 1


def test_follow_and_unfollow_from_the_feed(client, demo):
    client.force_login(demo.resident2)
    feed = reverse("public_requests:feed", kwargs={"code": "xinhong"})
    client.post(reverse("public_requests:follow", kwargs={"code": "xinhong"}))
    assert FeedFollow.objects.filter(user=demo.resident2, community=demo.xinhong).exists()
    assert reverse("public_requests:unfollow", kwargs={"code": "xinhong"}) in client.get(feed).content.decode()
    client.post(reverse("public_requests:unfollow", kwargs={"code": "xinhong"}))
    assert not FeedFollow.objects.filter(user=demo.resident2).exists()
    client.logout()
    assert client.post(reverse("public_requests:follow", kwargs={"code": "xinhong"})).status_code == 302
    assert not FeedFollow.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_plus_ones_count_each_resident_once(demo_tx):
    import threading

    from django.db import connection

    lamp = make_request(resident=demo_tx.resident)
    neighbour = make_user()
    barrier = threading.Barrier(4)
    outcomes = []

    def plus_one(user):
        try:
            barrier.wait()
            public_services.support_add(request=lamp, user=user)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=plus_one, args=(u,)) for u in (demo_tx.resident2, demo_tx.resident2, neighbour, neighbour)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lamp.refresh_from_db()
    assert sorted(outcomes) == ["ok", "ok", "refused", "refused"]
    assert lamp.support_count == 2 == Support.objects.filter(request=lamp).count()


def test_an_issued_key_is_stored_only_as_its_hash_and_lets_a_client_in(demo):
    from governance.requests.models import ApiKey

    api_key, key = public_services.api_key_issue(name="成华市民通", submitter=make_user())
    assert len(key) >= 24 and api_key.prefix == key[:8] and key not in ApiKey.objects.values_list("key_hash", flat=True)
    assert public_services.api_key_check(key=key) == api_key
    assert public_services.api_key_check(key=key + "x") is None and public_services.api_key_check(key="") is None
    with pytest.raises(ValidationError):
        public_services.api_key_issue(name="again", submitter=make_user(), key=key)
