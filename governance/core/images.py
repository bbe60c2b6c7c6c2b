"""Opening an uploaded image with its work bounded: the size is read from the header and checked before
a single pixel is decoded, and a JPEG is decoded straight at the reduced size it will be stored at.

Decoding is what costs: a 36-megapixel PNG of 120 KB takes seconds of a worker to decode, so a
submission of five of them held one worker for 10 s. Each image may have MAX_PIXELS, and the images
of one submission MAX_TOTAL_PIXELS together (five 12 MP phone photos fit).
"""

import io
import warnings
from collections.abc import Iterable

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_PIXELS = 24_000_000  # 6000 x 4000: a camera's full size; a phone's photo is about 12 MP
MAX_TOTAL_PIXELS = 64_000_000
READ_ERRORS = (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning)


class ImageRefused(ValueError):
    """Not an image we accept; `message` says why, translated."""

    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message


def image_size(data: bytes, *, formats: set[str]) -> tuple[int, int]:
    """Width and height from the header only; ImageRefused for another format, or past MAX_PIXELS."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size is checked below, with a clear message
            probe = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise ImageRefused(_too_many(Image.MAX_IMAGE_PIXELS * 2, MAX_PIXELS)) from None
    except READ_ERRORS:
        raise ImageRefused() from None
    if probe.format not in formats:
        raise ImageRefused()
    if probe.width * probe.height > MAX_PIXELS:
        raise ImageRefused(_too_many(probe.width * probe.height, MAX_PIXELS))
    return probe.width, probe.height


def pixels_check(sizes: Iterable[tuple[int, int]]) -> None:
    total = sum(width * height for width, height in sizes)
    if total > MAX_TOTAL_PIXELS:
        raise ImageRefused(
            _("Together the photos have %(mp)s megapixels; at most %(max)s per submission: send fewer or smaller photos.")
            % {"mp": round(total / 1e6), "max": MAX_TOTAL_PIXELS // 1_000_000}
        )


def image_decode(data: bytes, *, formats: set[str], box: tuple[int, int]) -> Image.Image:
    """The checked, decoded image (a JPEG already reduced towards `box`); ImageRefused if it cannot be used."""
    image_size(data, formats=formats)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.open(io.BytesIO(data)).verify()  # the file's structure; the probe cannot be used afterwards
            image = Image.open(io.BytesIO(data))
            image.draft("RGB", box)  # JPEG only: decode at 1/2, 1/4 or 1/8 scale when that still covers `box`
            image.load()
    except READ_ERRORS:
        raise ImageRefused() from None
    return image


def _too_many(pixels: int, limit: int) -> str:
    return _("The photo has %(mp)s megapixels; at most %(max)s are accepted.") % {
        "mp": round(pixels / 1e6),
        "max": limit // 1_000_000,
    }
