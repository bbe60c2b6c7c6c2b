"""Photo work is bounded: a huge canvas is refused from its header, before a worker spends seconds decoding it."""

import io
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image

from governance.activities import photos as activity_photos
from governance.core import images
from governance.requests.models import Request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 60, 40)).save(out, format="PNG")  # a flat colour: a small file, many pixels
    return out.getvalue()


def uploads(data: bytes, n: int) -> list:
    return [SimpleUploadedFile(f"p{i}.png", data, content_type="image/png") for i in range(n)]


def zh(message, **params) -> str:
    with translation.override("zh-hans"):
        return _(message) % params


def test_five_36_megapixel_pngs_are_refused_at_once_and_nothing_is_filed(demo, client):
    client.force_login(demo.resident)
    before = Request.objects.count()
    data = {"category": "facilities", "place": "unit", "title": "大图", "text": "五张大图", "photos": uploads(png(6000, 6000), 5)}
    started = time.monotonic()
    page = client.post("/requests/new/", data)
    elapsed = time.monotonic() - started
    assert page.status_code == 200 and zh("The photo has %(mp)s megapixels; at most %(max)s are accepted.", mp=36, max=24) in page.text
    assert Request.objects.count() == before
    assert elapsed < 3, f"{elapsed:.1f} s"


def test_photos_that_are_each_fine_are_refused_together_past_the_budget(demo, client):
    client.force_login(demo.resident)
    data = {"category": "facilities", "place": "unit", "title": "三张", "text": "三张图", "photos": uploads(png(5000, 4600), 3)}
    page = client.post("/requests/new/", data)
    expected = zh(
        "Together the photos have %(mp)s megapixels; at most %(max)s per submission: send fewer or smaller photos.", mp=69, max=64
    )
    assert page.status_code == 200 and expected in page.text


def test_a_phone_photo_is_accepted_and_scaled_down(demo, client):
    out = io.BytesIO()
    Image.new("RGB", (4032, 3024), (10, 120, 200)).save(out, format="JPEG", quality=80)
    client.force_login(demo.resident)
    data = {
        "category": "facilities",
        "place": "unit",
        "title": "手机照片",
        "text": "一张",
        "photos": [SimpleUploadedFile("a.jpg", out.getvalue())],
    }
    assert client.post("/requests/new/", data).status_code == 302
    photo = Request.objects.get(title="手机照片").photos.get()
    assert max(photo.width, photo.height) == 2560


def test_activity_photos_share_the_budget():
    with pytest.raises(ValidationError, match="36"):
        activity_photos.photo_clean(uploads(png(6000, 6000), 1)[0])


def test_the_header_is_read_without_decoding():
    assert images.image_size(png(6000, 4000), formats={"PNG"}) == (6000, 4000)
    with pytest.raises(images.ImageRefused):
        images.image_size(b"GIF89a not really", formats={"PNG"})
