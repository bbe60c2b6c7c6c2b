"""Duplicates caught at the door: a resident typing a request sees the open ones like it and supports one instead."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.requests import similarity
from governance.requests.choices import Status
from governance.requests.models import Category, Request, Support
from governance.requests.public import selectors as public
from tests.base import make_user, request_set

from .helpers import file_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_demo_requests")]

SIMILAR = "/public/requests/similar/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def neighbour(demo):
    """Another household of demo_resident's stairwell: the same unit, courtyard and community."""
    return make_user(display_name="邻居", home_unit=demo.resident.home_unit)


def suggested(client, demo, **typed) -> str:
    query = {"category": "facilities", "place": demo.resident.home_unit.code, "title": "", "text": "", **typed}
    return client.get(SIMILAR, query).text


def test_an_open_request_of_the_same_category_and_place_is_suggested_and_no_other(client, demo):
    lamp = file_request(demo, title="楼道灯不亮")
    elsewhere = file_request(demo, resident=demo.resident2, title="楼道灯不亮")  # 华林社区
    other_kind = file_request(demo, title="楼道灯不亮", category="sanitation")
    closed = request_set(file_request(demo, title="楼道灯又不亮了"), status=Status.CLOSED)
    private = file_request(demo, title="楼道灯不亮了", public=False)
    client.force_login(neighbour(demo))
    page = suggested(client, demo, title="楼道的灯坏了")
    assert lamp.number in page and "+1 我也遇到这个问题" in page
    for hidden in (elsewhere, other_kind, closed, private):
        assert hidden.number not in page, hidden.title
    by_courtyard = suggested(client, demo, place=demo.resident.home_unit.courtyard.code, title="楼道灯")
    assert lamp.number in by_courtyard
    assert lamp.number not in suggested(client, demo, place=str(demo.resident.home_unit.pk), title="楼道灯")  # codes, not ids
    assert lamp.number not in suggested(client, demo, title="垃圾桶满了")


def test_the_resident_s_own_open_request_is_named_as_theirs_not_offered_for_a_plus_one(client, demo):
    mine = file_request(demo, title="楼道灯不亮")
    client.force_login(demo.resident)
    page = suggested(client, demo, title="楼道灯不亮")
    assert f'href="/requests/{mine.number}/"' in page and "/support/" not in page


def test_postgresql_s_trigrams_find_a_title_with_a_typo_that_the_portable_terms_miss(demo, monkeypatch):
    lift = file_request(demo, title="Elevator broken")
    facilities = Category.objects.get(code="facilities")

    def found():
        return list(public.similar_open(category=facilities, community=demo.xinhong, title="elevater brokn", text=""))

    assert connection.vendor == "postgresql" and found() == [lift]
    monkeypatch.setattr(similarity, "trigrams_usable", lambda text: False)  # the embedded SQLite database's method
    assert found() == []


def test_the_portable_method_finds_a_short_title_inside_a_long_sentence(demo, monkeypatch):
    lamp = file_request(demo, title="楼道灯坏了")
    facilities = Category.objects.get(code="facilities")
    monkeypatch.setattr(similarity, "trigrams_usable", lambda text: False)
    assert list(public.similar_open(category=facilities, community=demo.xinhong, text="我家楼道的灯坏了三天")) == [lamp]


def test_one_or_two_characters_are_matched_by_substring(demo):
    lamp = file_request(demo, title="楼道灯坏了")
    facilities = Category.objects.get(code="facilities")
    assert not similarity.trigrams_usable("坏了")
    for typed in ("灯", "坏了"):
        assert list(public.similar_open(category=facilities, community=demo.xinhong, title=typed, text="")) == [lamp], typed


def test_the_closest_title_comes_first_and_costs_one_query(demo):
    close = file_request(demo, title="楼道灯不亮")
    loose = file_request(demo, title="楼道里很暗，灯不亮")  # newer, sharing fewer terms
    facilities = Category.objects.get(code="facilities")
    with CaptureQueriesContext(connection) as queries:
        found = list(public.similar_open(category=facilities, community=demo.xinhong, title="楼道灯不亮了", text=""))
    assert found == [close, loose] and len(queries) == 1


def test_the_request_form_asks_for_suggestions_by_node_code_and_still_posts_its_own_place_keys(client, demo):
    client.force_login(demo.resident)
    page = client.get("/requests/new/").text
    unit = demo.resident.home_unit
    assert f'hx-get="{SIMILAR}"' in page and 'data-send-place="place"' in page
    for key, node in (("unit", unit), ("courtyard", unit.courtyard), ("community", unit.community)):
        assert re.search(f'value="{key}"[^>]*data-code="{node.code}"', page), key


def test_a_plus_one_from_the_form_adds_support_instead_of_filing_and_says_so(client, demo):
    lamp = file_request(demo, title="楼道灯不亮")
    resident = neighbour(demo)
    client.force_login(resident)
    requests_before = Request.objects.count()
    answer = client.post(f"/public/requests/{lamp.number}/support/", {"instead": "1"}, headers={"HX-Request": "true"}).text
    assert f"已为诉求 {lamp.number} 加上您的支持" in answer and "无需再提交" in answer
    lamp.refresh_from_db()
    assert lamp.support_count == 1 and Support.objects.filter(request=lamp, user=resident).exists()
    assert Request.objects.count() == requests_before
    again = client.post(f"/public/requests/{lamp.number}/support/", {"instead": "1"}, headers={"HX-Request": "true"}).text
    assert "status-declined" in again and Support.objects.filter(request=lamp).count() == 1
