"""The demo's own records travel: a centre's file of them imports into a fresh laptop.

Found at integration: visit 2's grades from 2025/26 use Ofsted's report-card areas, and the
import checked them against the programme's 2012 headings, refusing every such file.
"""

from __future__ import annotations

import sqlite3

from linkadviser.cli import main


def test_a_centre_file_of_the_demo_imports_with_its_report_card_grades(home, tmp_path,
                                                                      monkeypatch, capsys):
    assert main(["init", "--demo"]) == 0
    sent = tmp_path / "centre.zip"
    assert main(["sync", "export-central", "--adviser", "demo.adviser@example.invalid",
                 str(sent)]) == 0
    laptop = tmp_path / "laptop"
    monkeypatch.setenv("LINKADVISER_HOME", str(laptop))
    capsys.readouterr()
    assert main(["sync", "import", str(sent)]) == 0, capsys.readouterr().err
    conn = sqlite3.connect(laptop / "linkadviser.sqlite3")
    try:
        areas = {a for (a,) in conn.execute("SELECT DISTINCT area_key FROM sef_grades")}
    finally:
        conn.close()
    assert {"personal-development", "inclusion"} <= areas  # report-card areas (2025/26 on)
