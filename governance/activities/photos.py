"""Uploaded photos: checked by their content (not their name), re-encoded, EXIF (and GPS) stripped."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 7,000 x 5,700 photo; larger is a decompression bomb, not a phone photo
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
LONG_SIDE = 2000


def photo_clean(upload) -> ContentFile:
    """A JPEG re-encoded from the upload's pixels only, so no metadata survives."""
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("A photo may be at most 5 MB."))
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in ACCEPTED_FORMATS or image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("Upload a JPEG, PNG or WebP photo."))
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((LONG_SIDE, LONG_SIDE))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("Upload a JPEG, PNG or WebP photo.")) from error
    return ContentFile(out.getvalue(), name="photo.jpg")
