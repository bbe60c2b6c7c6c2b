"""The report's files: an XLSX workbook (one sheet per section, typed cells) and a PDF in Chinese with charts.

The PDF uses WenQuanYi Micro Hei (Debian's fonts-wqy-microhei, installed by scripts/test.sh
and the setup scripts): reportlab embeds the subset it needs, so the text is real text
(pdftotext reads it back) on any reader.
"""

import io
from datetime import date

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from governance.core import figures
from governance.core.cells import safe_row
from governance.core.pdf import cjk_font

from .figures import Section


def _node_title(job) -> str:
    node = job.node
    names = [job.district.name]
    if job.street_id:
        names.append(job.street.name)
    if job.community_id:
        names.append(job.community.name)
    return " ".join(names) if node is not None else ""


def _period(job) -> str:
    return f"{formats.date_format(job.start, 'DATE_FORMAT')} – {formats.date_format(job.end, 'DATE_FORMAT')}"


def workbook(job, sections: list[Section]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for section in sections:
        sheet = book.create_sheet(str(section.title)[:31])
        sheet.append(safe_row([_node_title(job), _period(job)]))
        sheet.append(safe_row([_("From"), job.start, _("To"), job.end]))
        for cell in (sheet["B2"], sheet["D2"]):
            cell.number_format = "yyyy-mm-dd"
        sheet.append([])
        sheet.append(safe_row([_("Figure"), _("Value")]))
        sheet.cell(sheet.max_row, 1).font = bold
        for figure in section.figures:
            sheet.append(safe_row([str(figure.label), figure.value, "" if figure.value is not None else figures.why_empty(figure)]))
            if figure.percent and figure.value is not None:
                sheet.cell(sheet.max_row, 2).number_format = "0.0%"
        for breakdown in section.breakdowns:
            sheet.append([])
            sheet.append(safe_row([str(breakdown.title), _("Count")]))
            sheet.cell(sheet.max_row, 1).font = bold
            for label, count in breakdown.rows:
                sheet.append(safe_row([label, count]))
        for table in section.tables:
            _table_rows(sheet, table, bold)
        sheet.append([])
        sheet.append(safe_row([str(section.trend_label), _("Value")]))
        sheet.cell(sheet.max_row, 1).font = bold
        first = sheet.max_row + 1
        for month, value in section.trend:
            sheet.append(safe_row([month, value]))
            sheet.cell(sheet.max_row, 1).number_format = "yyyy-mm"
        _trend_chart(sheet, section, first, sheet.max_row)
        sheet.column_dimensions["A"].width = 36
        sheet.column_dimensions["B"].width = 16
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _table_rows(sheet, table, bold) -> None:
    sheet.append([])
    sheet.append(safe_row([str(table.title)]))
    sheet.cell(sheet.max_row, 1).font = bold
    sheet.append(safe_row(table.columns))
    for row in table.rows:
        sheet.append(safe_row(row))


def _trend_chart(sheet, section: Section, first: int, last: int) -> None:
    """A native bar chart over the trend cells, so the numbers and the picture stay one."""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.title = str(section.trend_label)
    chart.legend = None
    chart.add_data(Reference(sheet, min_col=2, min_row=first, max_row=last))
    chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
    chart.x_axis.number_format = "yyyy-mm"
    sheet.add_chart(chart, "D4")


def _chart(section: Section):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    drawing = Drawing(440, 150)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 25, 380, 110
    chart.data = [[value or 0 for _, value in section.trend]]
    chart.categoryAxis.categoryNames = [f"{month:%y-%m}" for month, _ in section.trend]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = cjk_font()
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#b71c1c")
    drawing.add(chart)
    return drawing


def _value(figure) -> str:
    """As the pages show it, and where there is no value, why (never a bare dash)."""
    return figures.shown(figure) or figures.why_empty(figure)


PDF_TABLE_WIDTH = 420


def _table_cells(table, body) -> tuple[list[list], list[float]]:
    """Cells and widths of a table that fit the page: a wide table (the grids' weeks) narrows its columns,
    and the headings wrap."""
    from reportlab.platypus import Paragraph

    count = len(table.columns) - 1
    first = 160 if count <= 4 else 100
    widths = [first] + [min(65, (PDF_TABLE_WIDTH - first) / max(count, 1))] * count
    head = [Paragraph(str(column), body) for column in table.columns]
    return [head] + [[row[0], *(intcomma(n) for n in row[1:])] for row in table.rows], widths


def pdf(job, sections: list[Section]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = cjk_font()
    title = ParagraphStyle("title", fontName=font, fontSize=18, leading=24, wordWrap="CJK")
    heading = ParagraphStyle("heading", fontName=font, fontSize=13, leading=18, spaceBefore=10, wordWrap="CJK")
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13, wordWrap="CJK")
    grid = TableStyle(
        [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 9), ("GRID", (0, 0), (-1, -1), 0.3, colors.grey)]
    )
    story = [
        Paragraph(_("Report: %(place)s") % {"place": _node_title(job)}, title),
        Paragraph(_period(job), body),
        Paragraph(_("Generated %(date)s") % {"date": formats.date_format(date.today(), "DATE_FORMAT")}, body),
    ]
    for section in sections:
        story += [Paragraph(str(section.title), heading)]
        story.append(Table([[str(f.label), _value(f)] for f in section.figures], colWidths=[300, 120], style=grid))
        for breakdown in section.breakdowns:
            if breakdown.rows:
                story += [Spacer(1, 6), Paragraph(str(breakdown.title), body)]
                story.append(Table([[label, intcomma(count)] for label, count in breakdown.rows], colWidths=[300, 120], style=grid))
        for table in section.tables:
            if table.rows:
                story += [Spacer(1, 6), Paragraph(str(table.title), body)]
                cells, widths = _table_cells(table, body)
                story.append(Table(cells, colWidths=widths, style=grid))
        story += [Spacer(1, 6), Paragraph(str(section.trend_label), body), _chart(section)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=_node_title(job), author="Chenghua").build(story)
    return buffer.getvalue()
