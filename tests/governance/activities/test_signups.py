"""Residents sign up to activities with places; the last place goes to one person only."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from governance.activities import services
from governance.activities.models import Signup
from tests.base import make_user

from .helpers import announce


@pytest.mark.django_db
def test_a_resident_signs_up_cancels_and_the_place_is_free_again(demo, client):
    activity = announce(by=demo.worker, community=demo.xinhong, capacity=1)
    client.force_login(demo.resident)
    client.post(reverse("activities:signup", kwargs={"code": activity.code}))
    client.force_login(demo.resident2)
    response = client.post(reverse("activities:signup", kwargs={"code": activity.code}), follow=True)
    assert "抱歉，活动名额已满。" in response.content.decode()
    client.force_login(demo.resident)
    client.post(reverse("activities:signup_cancel", kwargs={"code": activity.code}))
    client.force_login(demo.resident2)
    client.post(reverse("activities:signup", kwargs={"code": activity.code}))
    assert list(Signup.objects.filter(activity=activity, status="registered").values_list("user", flat=True)) == [demo.resident2.pk]


@pytest.mark.django_db
def test_the_community_page_lists_coming_activities_with_places_left(demo, client):
    activity = announce(by=demo.worker, community=demo.xinhong, capacity=3)
    services.signup_create(activity=activity, user=demo.resident)
    html = client.get(reverse("courtyards:community", kwargs={"code": "xinhong"})).content.decode()
    assert reverse("activities:public_detail", kwargs={"code": activity.code}) in html
    assert "已报名 1 / 3" in html


@pytest.mark.django_db(transaction=True)
def test_two_residents_taking_the_last_place_at_once_one_gets_it_one_hears_full(demo_tx):
    activity = announce(by=demo_tx.worker, community=demo_tx.xinhong, capacity=1)
    residents = [make_user(), make_user()]
    barrier = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def take(user):
        try:
            barrier.wait(timeout=10)
            services.signup_create(activity=activity, user=user)
            outcomes[user.pk] = "got it"
        except ValidationError as error:
            outcomes[user.pk] = error.messages[0]
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=take, args=(user,)) for user in residents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes.values()) == sorted(["got it", "Sorry, this activity is full."]) or sorted(outcomes.values()) == sorted(
        ["got it", "抱歉，活动名额已满。"]
    )
    assert Signup.objects.filter(activity=activity, status="registered").count() == 1
