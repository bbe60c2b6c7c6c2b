"""The volunteer's certificate of service, a one-page PDF in Chinese (reportlab with WenQuanYi Micro Hei)."""

import io

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "WenQuanYi"
FONT_PATH = getattr(settings, "CJK_FONT_PATH", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
MAX_LINES = 20


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_PATH, subfontIndex=0))
    return FONT


def certificate_pdf(*, user, total: dict, entries) -> bytes:
    font = _font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    pdf.setTitle(_("Certificate of volunteer service"))
    pdf.setFont(font, 24)
    pdf.drawCentredString(width / 2, height - 100, _("Certificate of volunteer service"))
    pdf.setFont(font, 13)
    name = user.display_name or user.username
    text = _("%(name)s volunteered %(hours)s hours at %(n)s activities in Chenghua District.") % {
        "name": name,
        "hours": total["hours"],
        "n": total["activities"],
    }
    pdf.drawCentredString(width / 2, height - 150, text)
    y = height - 200
    for entry in list(entries)[:MAX_LINES]:
        line = f"{timezone.localtime(entry.activity.starts_at):%Y-%m-%d}  {entry.activity.community.name}  {entry.activity}  {entry.hours}"
        pdf.drawString(80, y, line)
        y -= 20
    pdf.drawRightString(width - 80, 100, _("Issued on %(day)s") % {"day": f"{timezone.localdate():%Y-%m-%d}"})
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
