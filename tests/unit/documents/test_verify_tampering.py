"""Issue 14, item 1: nothing a PDF says about itself may switch one of verify's checks off.

The forgery reported: a white box (or a FreeText note) added in an incremental update, with
``/LinkAdviserRenderer`` changed so that the drawing comparison was skipped: VERIFIED, exit 0.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from linkadviser.cli import main
from linkadviser.documents import verify_pdf
from tests.unit.documents import builders
from tests.unit.documents.tampering import both, free_text, incremental, renderer, white_box


@pytest.fixture
def signed(services, documents):
    visit_id = builders.signed_visit(services, 1)
    return visit_id, documents.render(visit_id)


def _failure(verdict) -> str:
    assert not verdict.ok, verdict.lines
    return " ".join(line for line in verdict.lines if line.startswith("FAILED"))


@pytest.mark.parametrize(("change", "named"), [
    (white_box(), "the drawing of page 1 changed"),
    (free_text(), "annotations added (FreeText on page 1)"),
    (both(white_box(), renderer("reportlab 99.0")), "the drawing of page 1 changed"),
    (both(free_text(), renderer("reportlab 99.0")), "FreeText on page 1"),
    (renderer("someone else"), "document information changed (LinkAdviserRenderer)"),
])
def test_an_incremental_update_after_signing_is_named(services, signed, change, named):
    visit_id, pdf = signed
    forged = incremental(pdf, change)
    assert forged.startswith(pdf)  # the original bytes are all still there
    for store in (None, services.store):
        failure = _failure(verify_pdf(forged, services.programme, store))
        assert "changed after signing" in failure and named in failure


def test_a_later_page_is_compared_too(services, documents):
    visit_id = builders.signed_visit(services, 1, action_points=40, note="A long note. " * 40)
    pdf = documents.render(visit_id)
    last = len(PdfReader(io.BytesIO(pdf)).pages) - 1
    assert last > 0
    failure = _failure(verify_pdf(incremental(pdf, white_box(last)), services.programme))
    assert f"the drawing of page {last + 1} changed" in failure


def test_an_unknown_renderer_is_not_verified(services, signed):
    """The whole file re-saved claiming another renderer: no comparison is skipped."""
    _visit_id, pdf = signed
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    renderer("reportlab 1.0")(writer)
    white_box()(writer)
    out = io.BytesIO()
    writer.write(out)
    failure = _failure(verify_pdf(out.getvalue(), services.programme))
    assert "drawn by 'reportlab 1.0'" in failure
    assert "drawing on page 1 differs" in failure


def test_the_cli_says_not_verified_and_exits_1(services, signed, tmp_path, capsys):
    _visit_id, pdf = signed
    path = tmp_path / "forged.pdf"
    path.write_bytes(incremental(pdf, both(free_text(), renderer("x"))))
    assert main(["verify", "--no-store", str(path)]) == 1
    assert main(["verify", str(path)]) == 1
    out = capsys.readouterr().out
    assert "NOT VERIFIED" in out and "VERIFIED: the document is as signed" not in out


def test_a_trailing_newline_is_not_a_change(services, signed):
    _visit_id, pdf = signed
    assert verify_pdf(pdf + b"\r\n", services.programme).ok
