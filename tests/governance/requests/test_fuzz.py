"""No input to the request forms makes the server answer 500 (seeded random junk, so a failure repeats)."""

import random

import pytest

from governance.requests.models import Request

from .helpers import junk_text, junk_values, upload

pytestmark = pytest.mark.django_db

FIELDS = [
    "category",
    "place",
    "title",
    "text",
    "public",
    "rating",
    "comment",
    "reason",
    "action",
    "note",
    "assignee",
    "into",
    "numbers",
    "outcome",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_junk_posted_to_every_request_form_never_makes_a_500(demo, client):
    rng = random.Random(3)
    number = Request.objects.get(title="楼上深夜打麻将").number
    urls = [
        "/requests/new/",
        f"/requests/{number}/confirm/",
        f"/requests/{number}/reopen/",
        f"/manage/requests/{number}/act/",
        "/manage/requests/bulk-assign/",
        "/manage/callbacks/1/done/",
    ]
    for _ in range(25):
        data = {field: junk_values(rng) for field in rng.sample(FIELDS, rng.randint(0, len(FIELDS)))}
        data = {key: value for key, value in data.items() if value is not None}
        for user in (demo.resident, demo.community):
            client.force_login(user)
            for url in urls:
                assert client.post(url, data).status_code < 500, (url, data)


def test_random_bytes_as_a_photo_get_an_error_not_a_500(demo, client):
    rng = random.Random(5)
    client.force_login(demo.resident)
    for _ in range(20):
        blob = rng.choice([b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a"]) + rng.randbytes(rng.randint(0, 2000))
        before = Request.objects.count()
        data = {
            "category": "facilities",
            "place": "unit",
            "title": "t",
            "text": "x",
            "photos": [upload(blob, "f" + junk_text(rng)[:40].replace("/", "_"))],
        }
        assert client.post("/requests/new/", data).status_code in {200, 302}
        assert Request.objects.count() == before, "no random bytes make a valid photo"


def test_junk_in_the_queue_filters_never_makes_a_500(demo, client):
    rng = random.Random(7)
    client.force_login(demo.street)
    for _ in range(30):
        query = {
            key: junk_text(rng)
            for key in rng.sample(["q", "status", "category", "community", "assignee", "overdue", "supervised", "page"], 3)
        }
        assert client.get("/manage/requests/", query).status_code == 200, query
