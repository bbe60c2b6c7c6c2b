"""Filing on a phone (issue 14, point 2): tiles, an optional title, 添加照片, the place folded, and a confirmation."""

import re

import pytest

from governance.requests.forms import title_from_text
from governance.requests.models import Request
from tests.base import make_user

from .helpers import upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def file(client, **fields):
    return client.post("/requests/new/", {"category": "facilities", "place": "unit", "text": "门口路灯坏了，晚上很黑。", **fields})


def test_the_categories_are_tiles_with_a_hint_and_the_photo_button_opens_the_camera(demo, client):
    client.force_login(demo.resident)
    page = client.get("/requests/new/").text
    tile = re.search(r'<label class="category-tile" for="id_category_\d+">(.*?)</label>', page, re.S)
    assert tile and 'type="radio"' in tile.group(1) and "公共设施" in page and "路灯、健身、座椅" in page
    photo = re.search(r"<input[^>]*name=\"photos\"[^>]*>", page).group(0)
    assert 'accept="image/*"' in photo and 'capture="environment"' in photo and "multiple" in photo
    assert re.search(r'<label class="button secondary photo-button" for="id_photos">添加照片</label>', page)


def test_the_place_is_the_verified_home_named_in_full_and_folded(demo, client):
    client.force_login(demo.resident)
    page = client.get("/requests/new/").text
    address = demo.resident.home_unit.address
    summary = re.search(r'<span id="place-summary">(.*?)</span>', page).group(1)
    assert summary == f"{address}（我家）"
    assert re.search(r'<details class="fold" id="place-panel">', page), "folded until the resident opens it"
    assert f"{demo.resident.home_unit.courtyard.name}（我的院落）" in page


def test_a_request_filed_without_a_title_is_titled_by_its_text_and_confirmed_with_its_number(demo, client):
    client.force_login(demo.resident)
    response = file(client, photos=[upload()])
    request = Request.objects.filter(resident=demo.resident).latest("pk")
    assert request.title == "门口路灯坏了" and request.text == "门口路灯坏了，晚上很黑。"
    assert request.unit == demo.resident.home_unit and request.photos.count() == 1
    assert response["Location"] == f"/requests/{request.number}/filed/"

    page = client.get(response["Location"]).text
    assert f'<strong id="tracking-number">{request.number}</strong>' in page
    assert "接下来" in page and request.owner_name in page
    assert "小时内受理" in page, "the resident is told by when it is accepted"


def test_a_typed_title_is_kept(demo, client):
    client.force_login(demo.resident)
    file(client, title="路灯不亮")
    assert Request.objects.filter(resident=demo.resident).latest("pk").title == "路灯不亮"


def test_a_failed_submit_names_what_is_missing_and_files_nothing(demo, client):
    client.force_login(demo.resident)
    before = Request.objects.count()
    page = client.post("/requests/new/", {"place": "unit", "text": ""}).text
    assert Request.objects.count() == before
    assert 'id="id_category_error"' in page and 'aria-describedby="id_category_error"' in page
    assert page.count('class="error"') >= 2  # the category and the text


def test_the_confirmation_is_the_reporters_only(demo, client):
    client.force_login(demo.resident)
    file(client)
    request = Request.objects.filter(resident=demo.resident).latest("pk")
    client.force_login(make_user(home_unit=demo.resident.home_unit))
    assert client.get(f"/requests/{request.number}/filed/").status_code == 404


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("门口路灯坏了，晚上很黑。", "门口路灯坏了"),
        ("  楼道灯不亮  ", "楼道灯不亮"),
        ("从上周开始小区东门外面的那段人行道上一直堆着建筑垃圾没有人清理", "从上周开始小区东门外面的那段人行道上一…"),
        ("The lamp at gate 2 is out. Since Monday.", "The lamp at gate 2…"),
    ],
)
def test_a_derived_title_is_the_texts_first_clause_cut_to_a_list_line(text, title):
    assert title_from_text(text) == title
