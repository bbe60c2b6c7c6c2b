"""The one CJK font of every PDF the portal makes (minutes, certificates, reports)."""

import logging
from functools import cache
from pathlib import Path

from django.conf import settings

logger = logging.getLogger("governance.pdf")
FONT_NAME = "WenQuanYiMicroHei"


@cache
def cjk_font() -> str:
    """Register and name the embedded CJK font (settings.PDF_CJK_FONT, Debian's WenQuanYi Micro Hei).

    Without the file, reportlab's built-in STSong-Light (not embedded: the reader supplies the
    glyphs), so a missing font package never turns into a server error.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    if Path(settings.PDF_CJK_FONT).exists():
        pdfmetrics.registerFont(TTFont(FONT_NAME, settings.PDF_CJK_FONT, subfontIndex=0))
        return FONT_NAME
    logger.warning("CJK font %s not found; PDFs use STSong-Light", settings.PDF_CJK_FONT)
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"
