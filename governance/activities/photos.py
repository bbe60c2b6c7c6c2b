"""Uploaded photos: checked by their content (not their name), re-encoded, EXIF (and GPS) stripped."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import ImageOps

from governance.core import images

MAX_PHOTO_BYTES = 5 * 1024 * 1024
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
LONG_SIDE = 2000


def photo_clean(upload) -> ContentFile:
    """A JPEG re-encoded from the upload's pixels only, so no metadata survives."""
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("A photo may be at most 5 MB."))
    upload.seek(0)
    try:
        image = images.image_decode(upload.read(), formats=ACCEPTED_FORMATS, box=(LONG_SIDE, LONG_SIDE))
        image.thumbnail((LONG_SIDE, LONG_SIDE))
        image = ImageOps.exif_transpose(image).convert("RGB")
    except images.READ_ERRORS as error:  # ImageRefused is a ValueError; it may say why
        raise ValidationError(getattr(error, "message", "") or _("Upload a JPEG, PNG or WebP photo.")) from error
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return ContentFile(out.getvalue(), name="photo.jpg")
