"""The resident's web form asks a category's service attributes (as Open311 does), enforces the required ones
with a clear message, and stores the answers in Request.attributes, checked by the same code as Open311."""

import pytest
from django.conf import settings

from governance.requests.models import CategoryAttribute, Request

pytestmark = pytest.mark.django_db

WHEN = [{"key": "night", "name": "夜间"}, {"key": "day", "name": "白天"}]
KINDS = [{"key": "music", "name": "音乐"}, {"key": "voices", "name": "人声"}]


@pytest.fixture
def asking(demo):
    """facilities asks when (required, a list), how many lamps (a number) and what else (several of a list)."""
    from governance.requests.models import Category

    facilities = Category.objects.get(code="facilities")
    CategoryAttribute.objects.create(
        category=facilities,
        code="when",
        datatype="singlevaluelist",
        required=True,
        description_zh="什么时候坏的？",
        description_en="When did it break?",
        order=1,
        values=WHEN,
    )
    CategoryAttribute.objects.create(category=facilities, code="lamps", datatype="number", description_zh="几盏灯？", order=2)
    CategoryAttribute.objects.create(
        category=facilities, code="kind", datatype="multivaluelist", description_zh="还有什么？", order=3, values=KINDS
    )
    return facilities


def submit(client, **fields):
    data = {"category": "facilities", "place": "unit", "title": "哨兵路灯", "text": "门口路灯坏了", **fields}
    return client.post("/requests/new/", data)


@pytest.fixture
def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the portal's language is a choice, not the browser's


def test_the_form_shows_the_chosen_categorys_attributes(demo, client, asking, in_english):
    client.force_login(demo.resident)
    page = client.get("/requests/new/?category=facilities").text
    assert "When did it break?" in page and "几盏灯？" in page and 'name="attribute_when"' in page and "夜间" in page
    assert 'name="attribute_when"' not in client.get("/requests/new/?category=noise").text


def test_a_required_attribute_left_out_is_refused_with_a_clear_message_and_nothing_is_saved(demo, client, asking, in_english):
    client.force_login(demo.resident)
    page = submit(client)
    assert page.status_code == 200 and "Please answer: When did it break?" in page.text
    assert not Request.objects.filter(title="哨兵路灯").exists()


def test_the_answers_are_stored_in_the_requests_attributes(demo, client, asking):
    client.force_login(demo.resident)
    answer = submit(client, attribute_when="night", attribute_lamps="3", attribute_kind=["music", "voices"])
    request = Request.objects.get(title="哨兵路灯")
    assert answer["Location"] == f"/requests/{request.number}/filed/"
    assert request.attributes == {"when": "night", "lamps": "3", "kind": ["music", "voices"]}


def test_a_wrong_answer_is_refused_as_open311_would(demo, client, asking, in_english):
    client.force_login(demo.resident)
    page = submit(client, attribute_when="night", attribute_lamps="three")
    assert "Give a number, for example 3 or 2.5." in page.text
    assert not Request.objects.filter(title="哨兵路灯").exists()


def test_a_category_without_attributes_stores_none(demo, client, asking):
    client.force_login(demo.resident)
    submit(client, category="noise", attribute_when="night")
    assert Request.objects.get(title="哨兵路灯").attributes == {}
