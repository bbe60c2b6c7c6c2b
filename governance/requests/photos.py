"""Uploaded photos: checked by their content (never their name), re-encoded as JPEG so EXIF and GPS
are gone, stored under MEDIA_ROOT and served only through a view that asks the permission module."""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
MAX_SIDE = 2560  # larger photos are scaled down: a phone screen never needs more
ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "MPO"}


@dataclass(frozen=True)
class CleanPhoto:
    content: ContentFile
    width: int
    height: int


def photo_clean(upload) -> CleanPhoto:
    """A clean JPEG from an upload, or a ValidationError saying what is wrong with it."""
    if upload.size > MAX_BYTES:
        raise ValidationError({"photos": _("Each photo may be at most 5 MB; “%(name)s” is larger.") % {"name": upload.name}})
    data = upload.read()
    upload.seek(0)
    try:
        image = _open_checked(data)
        image = ImageOps.exif_transpose(image)  # keep the picture upright once the EXIF orientation is dropped
        image = image.convert("RGB")
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            {"photos": _("“%(name)s” is not a photo we can read (JPEG, PNG, GIF or WebP).") % {"name": upload.name}}
        ) from None
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)  # no exif= argument: nothing of the original metadata survives
    return CleanPhoto(content=ContentFile(out.getvalue(), name="photo.jpg"), width=image.width, height=image.height)


def _open_checked(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        probe = Image.open(io.BytesIO(data))
        if probe.format not in ACCEPTED_FORMATS or probe.width * probe.height > MAX_PIXELS:
            raise ValueError("not an accepted image")
        probe.verify()  # checks the file's structure; the image cannot be used afterwards
        image = Image.open(io.BytesIO(data))
        image.load()
    return image


def photo_attach(*, request, cleaned: CleanPhoto):
    from .models import RequestPhoto

    photo = RequestPhoto(request=request, width=cleaned.width, height=cleaned.height)
    photo.image.save("photo.jpg", cleaned.content, save=False)
    photo.save()
    return photo
