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


def test_user_errors_are_one_line(services, tmp_path, capsys):
    visit_id = builders.visit(services, 4)
    code = main(["render", visit_id, "-o", str(tmp_path / "x.pdf"), "--kind",
                 "record_of_visit"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "no record of visit" in err
    assert main(["render", "no-such-visit", "-o", str(tmp_path / "x.pdf")]) == 2
    assert main(["verify", str(tmp_path / "missing.pdf")]) == 2
    assert "Cannot read" in capsys.readouterr().err
