"""Crafted PDFs for verify's tests: what someone altering a signed record would do.

Each edit is an incremental update (the original bytes kept, changes appended), the way a PDF
editor saves, and some change the document information too (``/LinkAdviserRenderer``), as the
forgery in issue 14 did."""

from __future__ import annotations

import io
from collections.abc import Callable

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import NameObject, TextStringObject
from reportlab.pdfgen.canvas import Canvas

from linkadviser.documents.render import RENDERER


def incremental(pdf: bytes, change: Callable[[PdfWriter], None]) -> bytes:
    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def white_box(page: int = 0) -> Callable[[PdfWriter], None]:
    def change(writer: PdfWriter) -> None:
        patch = io.BytesIO()
        canvas = Canvas(patch)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(50, 300, 300, 20, stroke=0, fill=1)
        canvas.save()
        writer.pages[page].merge_page(PdfReader(patch).pages[0])
    return change


def free_text(page: int = 0) -> Callable[[PdfWriter], None]:
    def change(writer: PdfWriter) -> None:
        note = FreeText(text="Outstanding in every respect", rect=(50, 300, 350, 320))
        writer.add_annotation(page_number=page, annotation=note)
    return change


def renderer(name: str) -> Callable[[PdfWriter], None]:
    def change(writer: PdfWriter) -> None:
        writer.add_metadata({NameObject(RENDERER): TextStringObject(name)})
    return change


def both(*changes: Callable[[PdfWriter], None]) -> Callable[[PdfWriter], None]:
    def change(writer: PdfWriter) -> None:
        for one in changes:
            one(writer)
    return change
