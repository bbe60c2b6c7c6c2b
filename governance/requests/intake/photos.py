"""Uploaded photos: checked by their content (never their name), re-encoded as JPEG so EXIF and GPS
are gone, stored under MEDIA_ROOT and served only through a view that asks the permission module."""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import ImageOps

from governance.core import images

MAX_BYTES = 5 * 1024 * 1024
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
    try:
        image = images.image_decode(_peek(upload), formats=ACCEPTED_FORMATS, box=(MAX_SIDE, MAX_SIDE))
        image.thumbnail((MAX_SIDE, MAX_SIDE))  # before the copies below: they then copy a small image
        image = ImageOps.exif_transpose(image)  # keep the picture upright once the EXIF orientation is dropped
        image = image.convert("RGB")
    except images.READ_ERRORS as error:  # ImageRefused is a ValueError
        raise ValidationError({"photos": _refusal(upload, error)}) from None
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)  # no exif= argument: nothing of the original metadata survives
    return CleanPhoto(content=ContentFile(out.getvalue(), name="photo.jpg"), width=image.width, height=image.height)


def photos_check(uploads) -> None:
    """The submission's photos from their headers only, each and together: refused before any is decoded."""
    sizes = []
    for upload in uploads:
        if upload.size > MAX_BYTES:
            raise ValidationError({"photos": _("Each photo may be at most 5 MB; “%(name)s” is larger.") % {"name": upload.name}})
        try:
            sizes.append(images.image_size(_peek(upload), formats=ACCEPTED_FORMATS))
        except images.ImageRefused as refused:
            raise ValidationError({"photos": _refusal(upload, refused)}) from None
    try:
        images.pixels_check(sizes)
    except images.ImageRefused as refused:
        raise ValidationError({"photos": refused.message}) from None


def _peek(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _refusal(upload, error) -> str:
    message = getattr(error, "message", "")
    if message:
        return f"“{upload.name}”: {message}"
    return _("“%(name)s” is not a photo we can read (JPEG, PNG, GIF or WebP).") % {"name": upload.name}


def photo_attach(*, request, cleaned: CleanPhoto):
    from ..models import RequestPhoto

    photo = RequestPhoto(request=request, width=cleaned.width, height=cleaned.height)
    photo.image.save("photo.jpg", cleaned.content, save=False)
    photo.save()
    if request.first_photo_code is None:  # Open311's media_url links the first photo without a query per row
        type(request).objects.filter(pk=request.pk, first_photo_code__isnull=True).update(first_photo_code=photo.code)
        request.first_photo_code = photo.code
    return photo
