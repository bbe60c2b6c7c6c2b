"""Civic apps and reports read request statistics and the three rates from the public API."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.requests.choices import Status
from tests.base import make_request, request_set

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_demo_requests")]


def test_community_statistics_and_rates_are_public(client, demo):
    request = make_request(resident=demo.resident)
    request_set(
        request,
        status=Status.CLOSED,
        accepted_at=timezone.now() - timedelta(hours=2),
        accept_due_at=timezone.now() - timedelta(hours=1),
        rating=5,
        closed_at=timezone.now(),
    )
    answer = client.get(reverse("api:community-stats-detail", kwargs={"code": "xinhong"}))
    assert answer.status_code == 200
    data = answer.json()
    assert data["code"] == "xinhong" and data["figures"]["total"] == 1 and data["figures"]["mean_rating"] == 5
    assert data["rates"]["response"] == {"numerator": 1, "denominator": 1, "value": 1.0}
    assert data["rates"]["satisfaction"]["value"] == 1.0
    assert data["by_category"] == [{"key": "noise", "label": "邻里噪音", "n": 1}]
    assert demo.resident.display_name not in answer.content.decode()


def test_a_period_can_be_chosen_and_bad_dates_are_refused(client, demo):
    make_request(resident=demo.resident)
    target = reverse("api:street-stats-detail", kwargs={"code": "shuangqiaozi"})
    assert client.get(target, {"start": "2001-01-01", "end": "2001-12-31"}).json()["figures"]["total"] == 0
    assert client.get(target).json()["figures"]["total"] == 1
    assert client.get(target, {"start": "2001-13-01"}).status_code == 400
    assert client.get(target, {"start": "2020-01-01", "end": "2019-01-01"}).status_code == 400


def test_the_endpoints_are_in_the_openapi_schema(client):
    schema = client.get(reverse("schema")).content.decode()
    assert "/api/v1/stats/communities/{code}/" in schema and "/api/v1/stats/streets/{code}/" in schema
