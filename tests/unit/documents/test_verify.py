"""verify: a signed PDF checks out; any edit to its text, drawing or record does not."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from linkadviser.documents import DocumentError, render_pdf, verify_pdf
from linkadviser.documents.render import PAYLOAD_KEY
from tests.unit.documents import builders


@pytest.fixture
def signed(services, documents):
    visit_id = builders.signed_visit(services, 1)
    return visit_id, documents.render(visit_id)


def _with_metadata_of(pdf: bytes, source: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata(dict(PdfReader(io.BytesIO(source)).metadata))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_signed_pdf_verifies_against_the_store_and_alone(services, signed):
    _visit_id, pdf = signed
    with_store = verify_pdf(pdf, services.programme, services.store)
    assert with_store.ok, with_store.lines
    assert any("Matches signed version 1 in the store" in line for line in with_store.lines)
    alone = verify_pdf(pdf, services.programme)
    assert alone.ok, alone.lines


def test_edited_text_fails(services, documents, signed):
    """An editor changed an action's wording and saved, keeping the document information."""
    visit_id, pdf = signed
    data = documents.gather(visit_id)
    data.content.action_points[0].text = "Action 1: nothing to do"
    forged = _with_metadata_of(render_pdf(data, services.programme), pdf)
    verdict = verify_pdf(forged, services.programme)
    assert not verdict.ok
    assert any("text on page" in line for line in verdict.lines)


def test_covered_text_fails(services, signed):
    """A white box drawn over a line changes no extracted text, but changes the drawing."""
    _visit_id, pdf = signed
    from reportlab.pdfgen.canvas import Canvas

    patch = io.BytesIO()
    canvas = Canvas(patch)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(50, 300, 300, 20, stroke=0, fill=1)
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.pages[0].merge_page(PdfReader(patch).pages[0])
    out = io.BytesIO()
    writer.write(out)
    verdict = verify_pdf(out.getvalue(), services.programme)
    assert not verdict.ok
    assert any("drawing on page 1 " in line for line in verdict.lines)


def test_edited_embedded_record_fails(services, signed):
    _visit_id, pdf = signed
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    payload = str(writer.metadata[PAYLOAD_KEY]).replace("Action 1: review", "Action 1: ignore")
    writer.add_metadata({NameObject(PAYLOAD_KEY): TextStringObject(payload)})
    out = io.BytesIO()
    writer.write(out)
    verdict = verify_pdf(out.getvalue(), services.programme)
    assert not verdict.ok
    assert any("does not match its fingerprint" in line for line in verdict.lines)


def test_remade_from_altered_content_fails_against_the_store(services, documents, signed):
    """A forger who recomputes the fingerprint fools the PDF alone, not the store."""
    visit_id, _pdf = signed
    data = documents.gather(visit_id)
    data.content.section_texts["rationale"] = "Everything is outstanding."
    data.fingerprint = data.content.fingerprint()
    forged = render_pdf(data, services.programme)
    assert verify_pdf(forged, services.programme).ok
    verdict = verify_pdf(forged, services.programme, services.store)
    assert not verdict.ok
    assert any("differs from what was signed" in line for line in verdict.lines)


def test_drafts_and_foreign_pdfs_do_not_verify(services, documents):
    draft = documents.render(builders.visit(services, 1))
    verdict = verify_pdf(draft, services.programme)
    assert not verdict.ok and "unsigned draft" in verdict.lines[-1]
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 100, "Record of visit")
    canvas.save()
    assert not verify_pdf(buffer.getvalue(), services.programme).ok
    with pytest.raises(DocumentError, match="cannot be read as a PDF"):
        verify_pdf(b"not a pdf at all", services.programme)




def test_a_resaved_or_font_swapped_file_fails(services, signed):
    """Same text and drawing, different file: a font's glyphs could now draw other words."""
    _visit_id, pdf = signed
    assert any("byte for byte" in line
               for line in verify_pdf(pdf, services.programme).lines)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    out = io.BytesIO()
    writer.write(out)
    verdict = verify_pdf(out.getvalue(), services.programme)
    assert not verdict.ok
    assert any("fonts or images were changed" in line for line in verdict.lines)
