"""Uploads: images only (by content), 5 MB at most, 5 per request, GPS gone, served only to those who may see."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from governance.accounts.choices import Role
from governance.requests.intake import photos
from governance.requests.models import Request, RequestPhoto
from tests.base import make_staff

from .helpers import file_request, jpeg_with_gps, png_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_photo_is_re_encoded_as_jpeg_without_exif_or_gps(demo):
    request = file_request(demo, photo_files=[upload(jpeg_with_gps(), "IMG_0001.jpg", "image/jpeg")])
    photo = request.photos.get()
    with photo.image.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert image.format == "JPEG"
        assert not image.getexif(), "no EXIF survives, so no GPS either"
    assert (photo.width, photo.height) == (64, 48)


def test_a_text_file_named_like_a_photo_is_refused_and_nothing_is_written(demo):
    before = Request.objects.count()
    with pytest.raises(ValidationError, match="不是可识别的照片"):
        file_request(demo, photo_files=[upload(b"GIF89a<script>alert(1)</script>", "cat.gif", "image/gif")])
    assert Request.objects.count() == before and RequestPhoto.objects.count() == 0


def test_an_oversized_photo_is_refused(demo):
    big = upload(png_bytes() + b"\0" * (5 * 1024 * 1024), "big.png")
    with pytest.raises(ValidationError, match="5 MB"):
        photos.photo_clean(big)


def test_more_than_five_photos_are_refused(demo):
    before = Request.objects.count()
    with pytest.raises(ValidationError, match="5"):
        file_request(demo, photo_files=[upload() for _ in range(6)])
    assert Request.objects.count() == before


def test_a_huge_canvas_is_refused_before_it_is_decoded(demo):
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, format="PNG")  # tiny file, 81 megapixels
    with pytest.raises(ValidationError):
        photos.photo_clean(upload(out.getvalue(), "bomb.png"))


def test_a_photo_is_served_to_the_reporter_and_staff_in_scope_and_404_to_others(demo, client):
    request = file_request(demo, photo_files=[upload()])
    url = f"/requests/photos/{request.photos.get().code}/"
    for user, status in [
        (demo.resident, 200),
        (demo.community, 200),
        (demo.street, 200),
        (demo.resident2, 404),
        (make_staff(role=Role.STREET_STAFF, node=demo.shengdeng), 404),
    ]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert response["Content-Type"] == "image/jpeg"
    client.logout()
    assert client.get(url).status_code == 404


def test_a_photo_the_resident_made_public_is_served_to_everyone(demo, client):
    request = file_request(demo, photo_files=[upload()], public=True, photos_public=True)
    assert client.get(f"/requests/photos/{request.photos.get().code}/").status_code == 200


def test_photos_are_not_reachable_as_media_urls(demo, client):
    request = file_request(demo, photo_files=[upload()])
    client.force_login(demo.resident)
    assert client.get("/media/" + request.photos.get().image.name).status_code == 404
