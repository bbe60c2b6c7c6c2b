"""Small builders for the request stories: images made by Pillow, requests filed through the service."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from governance.requests import services
from governance.requests.intake import photos
from governance.requests.models import Category, Request


def png_bytes(size=(40, 30), color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (30.0, 40.0, 1.0), 3: "E", 4: (104.0, 6.0, 1.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(data: bytes | None = None, name: str = "photo.png", content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes() if data is None else data, content_type=content_type)


def file_request(demo, *, resident=None, category: str = "facilities", place=None, title: str = "路灯不亮", **fields) -> Request:
    resident = resident or demo.resident
    return services.request_submit(
        resident=resident,
        category=Category.objects.get(code=category),
        place=place or resident.home_unit,
        title=title,
        text="院落门口路灯坏了。",
        **fields,
    )


def event_text(request: Request, kind: str) -> str:
    """What the request's event of `kind` says to a Chinese reader (the portal's words, then the person's)."""
    with translation.override("zh-hans"):
        return request.events.get(kind=kind).text


def photo_for(title: str):
    """A photo on the seeded request with this title (made once)."""
    request = Request.objects.get(title=title)
    existing = request.photos.first()
    return existing or photos.photo_attach(request=request, cleaned=photos.photo_clean(upload()))


NASTY = ["", " ", "\x00", "<script>", "' OR 1=1 --", "CH-0000-000000", "9" * 40, "demo_worker", "新鸿社区", "-1", "true", "%s", "\u202e"]


def junk_text(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(NASTY)
    return "".join(
        chr(rng.choice([rng.randint(32, 126), rng.randint(0x4E00, 0x9FFF), rng.randint(0, 0xD7FF)])) for _ in range(rng.randint(0, 300))
    )


def junk_values(rng: random.Random):
    kind = rng.randint(0, 3)
    if kind == 0:
        return [junk_text(rng) for _ in range(rng.randint(0, 3))]
    if kind == 1:
        return rng.randint(-(10**12), 10**12)
    return junk_text(rng)


def junk_cases(n: int, seed: int = 11):
    rng = random.Random(seed)
    actions = ["", "accept", "assign", "merge", "reject", "confirm", "reopen", "note", "supervise"]
    keys = ["category", "place", "title", "text", "public", "rating", "note", "assignee", "into", "reason", "comment"]
    for _ in range(n):
        body = {key: rng.choice([None, True, junk_values(rng)]) for key in rng.sample(keys, rng.randint(0, len(keys)))}
        yield body, rng.choice(actions)
