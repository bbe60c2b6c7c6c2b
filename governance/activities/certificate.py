"""The volunteer's certificate of service, a one-page PDF in Chinese (reportlab with WenQuanYi Micro Hei)."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from governance.core.pdf import cjk_font

MAX_LINES = 20


def certificate_pdf(*, user, total: dict, entries) -> bytes:
    font = cjk_font()
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
