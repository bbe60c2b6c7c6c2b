"""Who is offered for assignment is who the permission module lets work on the request, at every level."""

from datetime import timedelta

import pytest
from django.urls import reverse

from courtyards.models import Courtyard
from governance.accounts import permissions
from governance.accounts.choices import Role
from governance.accounts.permissions import Action
from governance.requests import selectors
from tests.base import make_request, make_staff
from tests.factories import courtyard_make

pytestmark = pytest.mark.django_db


def _workers(demo) -> dict:
    """Field workers at street, community and courtyard level, in the request's place and out of it."""
    home = Courtyard.objects.get(code="xinhong-nanlu")
    return {
        "street in": make_staff(role=Role.GRID_WORKER, node=demo.shuangqiaozi),
        "community in": make_staff(role=Role.SOCIAL_WORKER, node=demo.xinhong),
        "courtyard in": make_staff(role=Role.GRID_WORKER, node=home),
        "street out": make_staff(role=Role.GRID_WORKER, node=demo.shengdeng),
        "community out": make_staff(role=Role.SOCIAL_WORKER, node=demo.hualin),
        "courtyard out": make_staff(role=Role.GRID_WORKER, node=courtyard_make(community=demo.hualin)),
        "sibling courtyard": make_staff(role=Role.GRID_WORKER, node=courtyard_make(community=demo.xinhong)),
    }


def test_the_detail_page_offers_exactly_the_workers_who_may_act_on_the_request(demo):
    workers = _workers(demo)
    request = make_request(resident=demo.resident)
    offered = set(selectors.assignee_choices(request=request))
    may_act = {name for name, worker in workers.items() if permissions.can(worker, Action.FIELD, request)}
    assert may_act == {"street in", "community in", "courtyard in"}
    assert {name for name, worker in workers.items() if worker in offered} == may_act


def test_the_queue_offers_a_street_officer_every_worker_under_their_street_down_to_a_courtyard(demo):
    workers = _workers(demo)
    offered = set(selectors.assignable_users(user=demo.street))
    assert {name for name, worker in workers.items() if worker in offered} == {
        "street in",
        "community in",
        "courtyard in",
        "sibling courtyard",
    }


def test_the_queue_offers_community_staff_only_workers_of_their_community_and_its_courtyards(demo):
    workers = _workers(demo)
    offered = set(selectors.assignable_users(user=demo.community))
    assert {name for name, worker in workers.items() if worker in offered} == {"community in", "courtyard in", "sibling courtyard"}


def test_every_worker_of_the_street_who_may_act_on_a_request_in_the_queue_is_offered_in_the_queue(demo):
    workers = set(_workers(demo).values())
    make_request(resident=demo.resident, place=Courtyard.objects.get(code="xinhong-nanlu"))
    offered = set(selectors.assignable_users(user=demo.street))
    queue = list(selectors.request_queue(user=demo.street))
    assert queue
    for request in queue:
        assert set(selectors.assignee_choices(request=request)) & workers <= offered, request.number


# --- the overdue filter reads the node's open backlog --------------------------------------


def _overdue(item):
    from governance.requests.models import Request

    Request.objects.filter(pk=item.pk).update(accept_due_at=item.created_at - timedelta(hours=1))


@pytest.mark.django_db
def test_the_overdue_queue_shows_the_streets_late_requests_and_not_another_streets(client, demo):
    from courtyards.models import Community

    here = make_request(resident=demo.resident, title="本街道超时诉求")
    elsewhere = make_request(resident=demo.resident2, place=Community.objects.filter(street=demo.shengdeng).first(), title="别的街道超时")
    on_time = make_request(resident=demo.resident, title="本街道按时诉求")
    _overdue(here), _overdue(elsewhere)
    client.force_login(demo.street)
    page = client.get(reverse("requests:queue"), {"overdue": "true"}).text
    assert here.number in page
    assert elsewhere.number not in page and on_time.number not in page


@pytest.mark.django_db
def test_the_overdue_filter_gives_the_same_rows_as_the_plain_condition(demo):
    from governance.requests.selectors import overdue_q, overdue_visible, request_queue

    for n in range(3):
        item = make_request(resident=demo.resident, title=f"诉求{n}")
        if n % 2 == 0:
            _overdue(item)
    for user in (demo.street, demo.community, demo.admin, demo.resident):
        queue = request_queue(user=user)
        assert set(overdue_visible(user=user, queryset=queue).values_list("pk", flat=True)) == set(
            queue.filter(overdue_q()).values_list("pk", flat=True)
        )
