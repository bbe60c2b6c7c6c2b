"""A resident, an address and an Open311 key may file only so many requests; beyond that a clear 429 or form message."""

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.test import APIClient

from courtyards.models import Unit
from governance.requests.models import Request
from tests.base import OPEN311_TEST_KEY, make_api_key, make_category, make_user

from .helpers import file_request

pytestmark = pytest.mark.django_db

FORM = {"category": "facilities", "place": "unit", "title": "路灯不亮", "text": "院落门口路灯坏了。"}


def resident_message(n: int) -> str:
    with translation.override("zh-hans"):
        return _(
            "You have filed %(n)s requests in the last 24 hours, the most one resident may file in a day. Please try again tomorrow."
        ) % {"n": n}


def address_message(n: int) -> str:
    with translation.override("zh-hans"):
        return _(
            "%(n)s requests have been filed for this address in the last 24 hours, the most we accept in a day. Please try again tomorrow."
        ) % {"n": n}


@pytest.fixture
def resident(demo):
    return make_user(home_unit=Unit.objects.get(code="xinhong-nanlu-b2-u2"))


def test_the_page_form_refuses_a_resident_past_the_daily_limit(demo, client, settings, resident):
    settings.REQUESTS_PER_RESIDENT_PER_DAY = 2
    for n in range(2):
        file_request(demo, resident=resident, title=f"第{n}件")
    client.force_login(resident)
    page = client.post("/requests/new/", FORM)
    assert page.status_code == 200 and resident_message(2) in page.text
    assert Request.objects.filter(resident=resident).count() == 2


def test_the_api_answers_429_past_the_daily_limit(demo, settings, resident):
    settings.REQUESTS_PER_RESIDENT_PER_DAY = 1
    api = APIClient()
    api.force_authenticate(resident)
    assert api.post("/api/v1/requests/", {"category": "roads", "title": "坑", "text": "有坑"}, format="json").status_code == 201
    answer = api.post("/api/v1/requests/", {"category": "roads", "title": "又一个坑", "text": "有坑"}, format="json")
    assert answer.status_code == 429 and resident_message(1) in str(answer.json())
    assert list(Request.objects.filter(resident=resident).values_list("title", flat=True)) == ["坑"]


def test_an_address_takes_only_so_many_requests_a_day_whoever_files_them(demo, client, settings):
    settings.REQUESTS_PER_ADDRESS_PER_DAY = 2
    unit = Unit.objects.get(code="xinhong-nanlu-b2-u2")
    for n in range(2):
        file_request(demo, resident=make_user(home_unit=unit), title=f"第{n}件")
    client.force_login(make_user(home_unit=unit))
    page = client.post("/requests/new/", FORM)
    assert page.status_code == 200 and address_message(2) in page.text
    assert Request.objects.filter(unit=unit).count() == 2
    # another address of the same courtyard, where nobody filed today, is under the limit
    filed = Request.objects.filter(unit__isnull=False).values("unit_id")
    next_door = Unit.objects.filter(courtyard=unit.courtyard).exclude(pk__in=filed).first()
    client.force_login(make_user(home_unit=next_door))
    assert client.post("/requests/new/", FORM).status_code == 302


def test_an_open311_key_is_limited_per_hour(demo, client, settings):
    settings.OPEN311_POSTS_PER_KEY_PER_HOUR = 2
    make_category(code="roads-311", name_zh="道路")
    make_api_key()
    data = {"api_key": OPEN311_TEST_KEY, "service_code": "roads-311", "address_id": "xinhong", "description": "井盖缺失"}
    answers = [client.post("/open311/v2/requests.json", {**data, "description": f"井盖缺失{n}"}) for n in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert "api_key" in answers[2].json()[0]["description"]
    assert Request.objects.filter(text__startswith="井盖缺失").count() == 2
