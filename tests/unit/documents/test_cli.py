"""linkadviser render / verify from the command line: files, exit codes, one-line errors."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter

from linkadviser.cli import main
from linkadviser.documents import render_pdf
from tests.unit.documents import builders


def test_render_then_verify(services, documents, tmp_path, capsys):
    visit_id = builders.signed_visit(services, 3)
    out = tmp_path / "report.pdf"
    assert main(["render", visit_id, "-o", str(out), "--kind", "annual_report"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["verify", str(out)]) == 0
    assert "VERIFIED" in capsys.readouterr().out
    assert main(["verify", "--no-store", str(out)]) == 0

    data = documents.gather(visit_id, "annual_report")
    data.content.section_texts["report_summary"] = "A different summary."
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render_pdf(data, services.programme))))
    writer.add_metadata(dict(PdfReader(out).metadata))
    edited = tmp_path / "edited.pdf"
    with edited.open("wb") as f:
        writer.write(f)
    assert main(["verify", str(edited)]) == 1
    assert "NOT VERIFIED" in capsys.readouterr().out


def test_verify_without_a_store_draws_a_primary_record_under_the_primary_programme(
        services, documents, tmp_path, capsys):
    """A governor's machine has no store: a primary school's record follows the bundled
    primary programme, not the main one, and must still verify."""
    from tests.factories import make_school

    school_id = make_school(services.store, urn=100001, name="Brook Lane Primary School",
                            phase="primary", headteacher="Ann Head",
                            chair_of_governors="Bob Chair")
    visit_id = builders.visit(services, 1, school_id=school_id)
    services.workflow.mark_ready(visit_id)
    services.workflow.sign(visit_id, builders.signatures(number=1))
    content = services.visits.content(visit_id)
    assert content.programme_id != services.programme.id  # the case this test is about
    out = tmp_path / "record.pdf"
    assert main(["render", visit_id, "-o", str(out), "--fingerprint-only"]) == 0
    assert main(["verify", "--no-store", str(out)]) == 0, capsys.readouterr().out
    assert "VERIFIED: the document is as signed." in capsys.readouterr().out


def test_user_errors_are_one_line(services, tmp_path, capsys):
    visit_id = builders.visit(services, 4)
    code = main(["render", visit_id, "-o", str(tmp_path / "x.pdf"), "--kind",
                 "record_of_visit"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "no record of visit" in err
    assert main(["render", "no-such-visit", "-o", str(tmp_path / "x.pdf")]) == 2
    assert main(["verify", str(tmp_path / "missing.pdf")]) == 2
    assert "Cannot read" in capsys.readouterr().err
