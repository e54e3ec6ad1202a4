"""The referral sheet as a one-page PDF, drawn with ReportLab: a heading across the page, then the
partners in two columns grouped by need, and a footer with the text line and a QR code to the
web chat. Helvetica covers every letter of English and Spanish (Latin-1)."""

import io
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from bot.sheets import Sheet

MARGIN, GAP, FOOTER, HEAD = 0.45 * inch, 0.25 * inch, 1.3 * inch, 1.05 * inch
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=15, leading=18, spaceAfter=3)
INTRO = ParagraphStyle("intro", fontName="Helvetica", fontSize=8.5, leading=10.5, spaceAfter=4)
FOOT = ParagraphStyle("foot", fontName="Helvetica", fontSize=8.5, leading=10.5)
# Text sizes of the partner columns, largest first: a long list is set smaller to stay on one page.
SIZES = (7.4, 7.0, 6.6, 6.2, 5.8)


class _Styles:
    def __init__(self, size: float) -> None:
        purple = colors.HexColor("#5b2a86")
        self.group = ParagraphStyle("group", fontName="Helvetica-Bold", fontSize=size + 2, leading=(size + 2) * 1.25,
                                    spaceBefore=size * 0.7, spaceAfter=2, textColor=purple, keepWithNext=1)  # fmt: skip
        self.name = ParagraphStyle("name", fontName="Helvetica-Bold", fontSize=size + 0.4, leading=size * 1.2)
        self.body = ParagraphStyle("body", fontName="Helvetica", fontSize=size, leading=size * 1.2, spaceAfter=size / 2)


class _OnePage(BaseDocTemplate):
    """Refuses a second page, so that a smaller size can be tried."""

    def handle_pageBegin(self) -> None:
        if self.page >= 1:
            raise _TooLong
        super().handle_pageBegin()


class _TooLong(Exception):
    pass


def qr_code(url: str, size: float) -> Drawing:
    """A QR code `size` points wide that opens `url`."""
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    return drawing


def _partner(partner, styles: _Styles) -> KeepTogether:
    """Name, what it offers, then how to reach it, when, and "No police report needed" on one line."""
    reach = [escape(line) for line in [*partner.contacts, partner.hours] if line]
    if partner.no_report:
        reach.append(f"<b>{escape(partner.no_report)}</b>")
    text = escape(partner.offers) + ("<br/>" + " \u00b7 ".join(reach) if reach else "")
    return KeepTogether([Paragraph(escape(partner.name), styles.name), Paragraph(text, styles.body)])


def _footer(sheet: Sheet) -> Table:
    words = [f"<b>{escape(sheet.text('danger'))}</b>"]
    if sheet.text_line:
        words.append(escape(sheet.text("text_line", number=sheet.text_line)))
    if sheet.chat_url:
        words.append(escape(sheet.text("chat", url=sheet.chat_url)))
    cells = [[Paragraph("<br/>".join(words), FOOT), qr_code(sheet.chat_url, 0.9 * inch) if sheet.chat_url else ""]]
    table = Table(cells, colWidths=[LETTER[0] - 2 * MARGIN - 1.1 * inch, 1.1 * inch])
    style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.grey)]
    table.setStyle(TableStyle(style))
    return table


def render_pdf(sheet: Sheet) -> bytes:
    """The sheet as PDF bytes, on one page: the partners are set in the largest size that fits."""
    for size in SIZES:
        try:
            return _render(sheet, _Styles(size))
        except _TooLong:
            continue
    raise ValueError(f"{sheet.jurisdiction} has too many partners for one page even at {SIZES[-1]} points")


def _render(sheet: Sheet, styles: _Styles) -> bytes:
    buffer = io.BytesIO()
    width, height = LETTER
    column = (width - 2 * MARGIN - GAP) / 2
    body_top = height - MARGIN - HEAD
    frames = [
        Frame(MARGIN, body_top, width - 2 * MARGIN, HEAD, id="head"),
        Frame(MARGIN, MARGIN + FOOTER, column, body_top - MARGIN - FOOTER, id="left"),
        Frame(MARGIN + column + GAP, MARGIN + FOOTER, column, body_top - MARGIN - FOOTER, id="right"),
        Frame(MARGIN, MARGIN, width - 2 * MARGIN, FOOTER, id="foot"),
    ]
    title = sheet.text("title", place=sheet.place)
    document = _OnePage(buffer, pagesize=LETTER, title=title, author=sheet.place)
    document.addPageTemplates([PageTemplate(id="sheet", frames=frames)])
    story = [Paragraph(escape(title), TITLE), Paragraph(escape(sheet.text("intro")), INTRO), FrameBreak("left")]
    for heading, partners in sheet.groups:
        story.append(Paragraph(escape(heading), styles.group))
        story.extend(_partner(p, styles) for p in partners)
    story += [FrameBreak("foot"), _footer(sheet)]
    document.build(story)
    return buffer.getvalue()
