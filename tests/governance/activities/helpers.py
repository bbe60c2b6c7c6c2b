"""Small makers for the field-work tests."""

import io
import uuid
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from governance.activities import services
from governance.activities.models import ActivityType


def png_upload(name: str = "photo.png", size=(40, 30), exif: bytes | None = None, fmt: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    image.save(buffer, fmt, **({"exif": exif} if exif else {}))
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def activity_type(code: str = "clinic") -> ActivityType:
    return ActivityType.objects.get(code=code)


def log(*, by, community, type_code: str = "clinic", person_times: int = 10, days_ago: int = 1, **fields):
    starts_at = timezone.now() - timedelta(days=days_ago)
    return services.activity_log(
        by=by,
        idempotency_key=fields.pop("idempotency_key", uuid.uuid4()),
        type=activity_type(type_code),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        community=community,
        person_times=person_times,
        **fields,
    )


def announce(*, by, community, capacity: int, days_ahead: int = 5):
    starts_at = timezone.now() + timedelta(days=days_ahead)
    return services.activity_log(
        by=by,
        idempotency_key=uuid.uuid4(),
        type=activity_type("cultural"),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        community=community,
        capacity=capacity,
    )
