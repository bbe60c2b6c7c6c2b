"""The admin: district administrators issue Open311 keys (shown once, stored hashed); requests are read-only."""

import re

import pytest
from django.core.management import call_command

from governance.requests.demo import DEMO_OPEN311_KEY
from governance.requests.models import ApiKey, Category, Request, RoutingRule

pytestmark = pytest.mark.django_db


def test_issuing_a_key_shows_it_once_and_stores_only_its_hash(demo, client):
    client.force_login(demo.admin)
    response = client.post("/admin/requests/apikey/add/", {"name": "市民App", "submitter": demo.admin.pk, "active": "on"}, follow=True)
    key = re.search(r"新密钥是 ([A-Za-z0-9_-]+)。", response.text).group(1)
    issued = ApiKey.objects.get(name="市民App")
    assert issued.key_hash == ApiKey.hash(key) and key not in issued.key_hash and issued.prefix == key[:8]
    assert key not in client.get(f"/admin/requests/apikey/{issued.pk}/change/").text


def test_other_staff_see_no_keys(demo, client):
    client.force_login(demo.street)
    assert "demo-ope" not in client.get("/admin/requests/apikey/").text


def test_requests_are_read_only_in_the_admin(demo, client):
    request = Request.objects.get(title="楼上深夜打麻将")
    client.force_login(demo.admin)
    client.post(f"/admin/requests/request/{request.pk}/change/", {"title": "改掉"})
    request.refresh_from_db()
    assert request.title == "楼上深夜打麻将"


def test_the_demo_seed_is_idempotent_and_has_the_seeds_cases_and_the_open311_key(demo):
    before = (Category.objects.count(), RoutingRule.objects.count(), Request.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Category.objects.count(), RoutingRule.objects.count(), Request.objects.count()) == before
    assert {"noise", "greening", "roads", "sanitation", "property", "facilities", "safety", "other"} <= set(
        Category.objects.values_list("code", flat=True)
    )
    assert ApiKey.objects.get(key_hash=ApiKey.hash(DEMO_OPEN311_KEY)).submitter.username == "open311_demo_client"
    assert set(Request.objects.values_list("community__code", flat=True)) == {"xinhong", "hualin"}
    assert len(set(Request.objects.values_list("status", flat=True))) >= 6
