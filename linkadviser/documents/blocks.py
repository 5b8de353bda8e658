"""Flowables every document is made of: headings, text, lists, tables, signatures.

Tables wrap every cell in a Paragraph (so long text wraps instead of running off the page),
repeat their header row on each page and may split inside a tall row, so a 40-row action plan
or a 3,000-word cell still lays out on A4.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Table,
    TableStyle,
)

from linkadviser.documents.fonts import markup, register_fonts
from linkadviser.documents.layout import ACCENT, CONTENT_WIDTH, RULE, SHADE, STYLES

NOTHING_RECORDED = "None recorded."


def long_date(when: date | None) -> str:
    return f"{when.day} {when:%B %Y}" if when else "not recorded"


def short_date(when: date | None) -> str:
    """A date for a narrow table column."""
    return f"{when.day} {when:%b %Y}" if when else "–"


def para(text: str, style: str = "body") -> Paragraph:
    return Paragraph(markup(text), STYLES[style])


def heading(text: str) -> list[Flowable]:
    """A section heading, moved to the next page rather than left alone at a page's foot."""
    return [CondPageBreak(28 * mm), para(text, "h2")]


def empty(text: str = NOTHING_RECORDED) -> Paragraph:
    return para(text, "empty")


def text_block(text: str) -> list[Flowable]:
    """Free text as paragraphs (a blank line starts a new one), or 'None recorded.'."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return [para(p) for p in parts] or [empty()]


def bullets(items: Sequence[str]) -> list[Flowable]:
    items = [i for i in items if i.strip()]
    if not items:
        return [empty()]
    return [Paragraph(markup(i.strip()), STYLES["bullet"], bulletText="•") for i in items]


def details(rows: Sequence[tuple[str, str]]) -> Table:
    """The label/value box at the top of a document (school, URN, date, ...)."""
    data = [[para(label, "cell_bold"), para(value or "not recorded", "cell")]
            for label, value in rows]
    table = Table(data, colWidths=[38 * mm, CONTENT_WIDTH - 38 * mm], splitInRow=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


CELL_PADDING = 12  # points: reportlab's 6 on each side of a cell


def fit_words(widths: list[float], rows: Sequence[Sequence[object]]) -> list[float]:
    """Widen any column too narrow for its longest word (reportlab would break it:
    "Disadvantag / ed"), taking the width from the columns with room to spare."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    style = STYLES["head"]  # the bold header font is the wider of the two
    need = []
    for column in range(len(widths)):
        words = {w for row in rows if column < len(row) for w in str(row[column]).split()}
        longest = max((stringWidth(w, style.fontName, style.fontSize) for w in words),
                      default=0)
        need.append(min(longest + CELL_PADDING, sum(widths) / 2))
    short = sum(max(n - w, 0) for n, w in zip(need, widths, strict=True))
    spare = [max(w - n, 0) for n, w in zip(need, widths, strict=True)]
    if not short or sum(spare) < short:
        return widths
    return [max(n, w) - (s / sum(spare)) * short
            for n, w, s in zip(need, widths, spare, strict=True)]


def grid(headers: Sequence[str], rows: Sequence[Sequence[str]], widths_mm: Sequence[float]
         ) -> Flowable:
    """A data table with a shaded header row repeated on every page it runs onto."""
    if not rows:
        return empty()
    scale = CONTENT_WIDTH / (sum(widths_mm) * mm)
    widths = fit_words([w * mm * scale for w in widths_mm], [headers, *rows])
    data = [[para(h, "head") for h in headers]]
    data += [[para(str(cell), "cell") for cell in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("BACKGROUND", (0, r), (-1, r), SHADE) for r in range(2, len(data), 2)]
    table.setStyle(TableStyle(style))
    return table


def notice(text: str, style: str) -> Table:
    """A boxed note: confidentiality, amendment, or how the document may be used."""
    box = Table([[para(text, style)]], colWidths=[CONTENT_WIDTH])
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.8, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return box


# A typed signature (for someone who cannot draw one) is kept as a PNG like a drawn one, so the
# record and its fingerprint are unchanged; the name as typed travels in this PNG text field,
# and the document prints it as typed, in words, rather than as a picture.
TYPED_SIGNATURE_KEY = "linkadviser-typed-signature"


def typed_name(image: bytes) -> str | None:
    """The name typed as a signature, if ``image`` is a typed signature."""
    if not image:
        return None
    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(image)) as picture:
            typed = picture.info.get(TYPED_SIGNATURE_KEY)
    except (OSError, ValueError):
        return None
    return str(typed) if typed else None


def signature_block(signers: Sequence[tuple[str, str, date, bytes]]) -> Flowable:
    """Each signer's signature image above their printed name, role and date, kept together."""
    cells = []
    adviser_first = sorted(signers, key=lambda s: s[0] != "Link Adviser")
    for role, name, signed_on, image in adviser_first:
        picture: Flowable | list[Flowable] = para("(signed without an on-screen signature)",
                                                  "empty")
        typed = typed_name(image)
        if typed:  # a table cell takes a list of flowables, not a KeepTogether
            picture = [para(typed, "typed"),
                       para("Typed signature, confirmed on screen", "empty")]
        elif image:
            reader = ImageReader(io.BytesIO(image))
            width, height = reader.getSize()
            box_w, box_h = 70 * mm, 20 * mm
            factor = min(box_w / width, box_h / height)
            picture = Image(io.BytesIO(image), width * factor, height * factor, hAlign="LEFT")
        cells.append([picture, para(name, "cell_bold"), para(role, "cell"),
                      para(f"Signed {long_date(signed_on)}", "cell")])
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    if rows and len(rows[-1]) == 1:
        rows[-1].append("")
    table = Table(rows, colWidths=[CONTENT_WIDTH / 2] * 2)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEABOVE", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
    ]))
    return KeepTogether([*heading("Signatures"), table])
