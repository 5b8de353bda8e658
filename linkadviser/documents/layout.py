"""The page: A4, the authority's header, DRAFT across unsigned pages, and the footer.

The footer's "page N of M" needs the page count, which is only known once the story is laid
out; ``_NumberedCanvas`` keeps each page's state and draws the footers when the document is
saved (the usual reportlab recipe, one layout pass instead of two).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from linkadviser.documents.fonts import BOLD, ITALIC, REGULAR, drawable

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FRAME_TOP = PAGE_HEIGHT - 25 * mm  # below the header rule
FRAME_BOTTOM = 25 * mm  # above the footer rule
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN

INK = colors.HexColor("#1d2b36")
ACCENT = colors.HexColor("#1f5f8b")
RULE = colors.HexColor("#9fb3c2")
SHADE = colors.HexColor("#e8eef3")
MUTED = colors.HexColor("#5b6770")
CONFIDENTIAL = colors.HexColor("#a4262c")


def _style(name: str, **kw: object) -> ParagraphStyle:
    base = {"fontName": REGULAR, "fontSize": 9.5, "leading": 12.5, "textColor": INK}
    return ParagraphStyle(name, **{**base, **kw})


STYLES = {
    "title": _style("title", fontName=BOLD, fontSize=18, leading=22, textColor=ACCENT,
                    spaceAfter=2 * mm),
    "subtitle": _style("subtitle", fontSize=11.5, leading=15, spaceAfter=3 * mm),
    "h2": _style("h2", fontName=BOLD, fontSize=12, leading=15, textColor=ACCENT,
                 spaceBefore=5 * mm, spaceAfter=2 * mm),
    "h3": _style("h3", fontName=BOLD, fontSize=9.5, leading=12.5, spaceBefore=2 * mm),
    "body": _style("body", spaceAfter=1.5 * mm),
    "cell": _style("cell", fontSize=8.5, leading=11),
    "cell_bold": _style("cell_bold", fontName=BOLD, fontSize=8.5, leading=11),
    "head": _style("head", fontName=BOLD, fontSize=8.5, leading=11, textColor=colors.white),
    "bullet": _style("bullet", leftIndent=5 * mm, bulletIndent=1 * mm, spaceAfter=1 * mm),
    "empty": _style("empty", fontName=ITALIC, textColor=MUTED, spaceAfter=1.5 * mm),
    "typed": _style("typed", fontName=ITALIC, fontSize=15, leading=19),
    "notice": _style("notice", fontName=BOLD, fontSize=9.5, leading=12.5,
                     textColor=CONFIDENTIAL),
    "amended": _style("amended", fontSize=9, leading=12),
    "small": _style("small", fontSize=7.5, leading=9.5, textColor=MUTED, alignment=TA_CENTER),
}


@dataclass(frozen=True)
class PageDecor:
    """What each page carries besides the story."""

    authority: str
    programme_title: str
    document_title: str
    footer_left: str
    fingerprint: str = ""
    draft: bool = False
    confidential: str = ""
    signature_note: str = ""  # whether, and by whom, the file is digitally signed
    demo: str = ""  # the demo's notice, at the top of every page


class _Info(PDFInfo):
    """The PDF's document information with our own keys added (fingerprint, record).

    Written by reportlab as it saves, rather than by re-opening and re-writing the finished
    PDF with pypdf, which took a third of the drawing time.
    """

    extra: dict[str, str]

    def format(self, document: object) -> bytes:
        entries = {
            "Title": PDFString(self.title), "Author": PDFString(self.author),
            "Subject": PDFString(self.subject), "Keywords": PDFString(self.keywords),
            "Creator": PDFString(self.creator), "Producer": PDFString(self.producer),
            "Trapped": PDFName(self.trapped),
        }
        entries["CreationDate"] = entries["ModDate"] = PDFDate(
            ts=document._timeStamp, dateFormatter=self._dateFormatter)
        entries.update({key: PDFString(value) for key, value in self.extra.items()})
        return PDFDictionary(entries).format(document)


class _NumberedCanvas(Canvas):
    decor: PageDecor

    def __init__(self, *args: object, info: dict[str, str] | None = None,
                 **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        extended = _Info()
        extended.__dict__.update(self._doc.info.__dict__)
        extended.extra = info or {}
        self._doc.info = extended

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            if self.decor.draft:
                _draw_draft(self)  # on top, translucent: table shading cannot hide it
            _draw_footer(self, self.decor, number, total)
            super().showPage()
        super().save()


def _draw_header(canvas: Canvas, decor: PageDecor) -> None:
    top = PAGE_HEIGHT - MARGIN + 4 * mm
    canvas.setFillColor(ACCENT)
    canvas.setFont(BOLD, 10)
    canvas.drawString(MARGIN, top, drawable(decor.authority))
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 8)
    canvas.drawString(MARGIN, top - 4 * mm, drawable(decor.programme_title))
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 9)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, top, drawable(decor.document_title))
    if decor.confidential:
        canvas.setFillColor(CONFIDENTIAL)
        canvas.setFont(BOLD, 8.5)
        canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 9 * mm, decor.confidential)
    if decor.demo:
        canvas.setFillColor(CONFIDENTIAL)
        canvas.setFont(BOLD, 8.5)
        canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 5 * mm, decor.demo)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.8)
    line_y = top - 7 * mm
    canvas.line(MARGIN, line_y, PAGE_WIDTH - MARGIN, line_y)


def _draw_draft(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.13))
    canvas.setFont(BOLD, 120)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(52)
    canvas.drawCentredString(0, -40, "DRAFT")
    canvas.setFont(BOLD, 14)
    canvas.drawCentredString(0, -70, "Not signed: not the record of the visit")
    canvas.restoreState()


def _draw_footer(canvas: Canvas, decor: PageDecor, number: int, total: int) -> None:
    base = MARGIN - 6 * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, base + 9 * mm, PAGE_WIDTH - MARGIN, base + 9 * mm)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 7.5)
    canvas.drawString(MARGIN, base + 5.5 * mm, drawable(decor.footer_left))
    canvas.drawRightString(PAGE_WIDTH - MARGIN, base + 5.5 * mm, f"page {number} of {total}")
    canvas.setFont(REGULAR, 6.5)
    if decor.fingerprint:
        canvas.drawString(MARGIN, base + 1.5 * mm,
                          f"Fingerprint (SHA-256): {decor.fingerprint}")
        canvas.drawRightString(PAGE_WIDTH - MARGIN, base + 1.5 * mm,
                               "check: linkadviser verify FILE.pdf")
    elif decor.draft:
        canvas.drawString(MARGIN, base + 1.5 * mm,
                          "DRAFT: no fingerprint until the document is signed")
    if decor.signature_note:
        note, size = drawable(decor.signature_note), 6.5
        while size > 4 and canvas.stringWidth(note, REGULAR, size) > CONTENT_WIDTH:
            size -= 0.25  # a long name or authority still fits between the margins
        canvas.setFont(REGULAR, size)
        canvas.drawString(MARGIN, base - 2 * mm, note)


def build_pdf(buffer: object, story: list, decor: PageDecor, title: str, author: str,
              info: dict[str, str], keywords: str = "") -> None:
    """Lay ``story`` out on A4 pages decorated with ``decor`` into ``buffer``; ``info`` adds
    keys (without the leading slash) to the PDF's document information."""

    def on_page(canvas: Canvas, _doc: object) -> None:
        _draw_header(canvas, decor)

    frame = Frame(MARGIN, FRAME_BOTTOM, CONTENT_WIDTH, FRAME_TOP - FRAME_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc = BaseDocTemplate(buffer, pagesize=A4, title=drawable(title), author=drawable(author),
                          creator="linkadviser", invariant=1, keywords=keywords,
                          subject=drawable(decor.programme_title),
                          leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    doc.build(story, canvasmaker=_canvas_maker(decor, info))


def _canvas_maker(decor: PageDecor, info: dict[str, str]) -> Callable[..., Canvas]:
    def make(*args: object, **kwargs: object) -> Canvas:
        canvas = _NumberedCanvas(*args, info=info, **kwargs)
        canvas.decor = decor
        return canvas

    return make
