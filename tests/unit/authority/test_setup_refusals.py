"""Bad input at the centre's setup is refused with what to do, and changes nothing."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from linkadviser.authority.advisers import RETIRE_HOOKS, retire_adviser
from linkadviser.authority.central import open_central
from linkadviser.authority.schools import import_schools
from linkadviser.cli import main
from linkadviser.store.base import Base

GIAS = Path(__file__).resolve().parents[2] / "fixtures" / "gias"
ANN = "ann@example.gov.uk"


def state(db: str) -> dict[str, list]:
    """Every row of the tables setup writes, to show a refusal changed nothing."""
    store = open_central(db)
    try:
        with store.session() as s:
            return {name: sorted(map(tuple, s.execute(select(Base.metadata.tables[name]))))
                    for name in ("authorities", "schools", "advisers", "caseload_assignments",
                                 "gias_establishments", "change_log")}
    finally:
        store.close()


@pytest.fixture(scope="module")
def set_up_centre(tmp_path_factory) -> Path:
    """A centre after init, the GIAS import and one adviser, made once for the module."""
    folder = tmp_path_factory.mktemp("centre")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LINKADVISER_HOME", str(folder / "home"))
        for argv in (["central", "init", "--authority", "Norfolk County Council", "--la", "926"],
                     ["central", "schools", "import", str(GIAS / "edubasealldata20270105.csv")],
                     ["central", "advisers", "add", "Ann Adviser", "--email", ANN]):
            assert main([*argv, "--db", str(folder / "central.sqlite3")]) == 0
    return folder


@pytest.fixture
def db(set_up_centre, tmp_path) -> str:
    """Each test's own copy of that centre, to refuse things in (or change)."""
    shutil.copytree(set_up_centre, tmp_path / "centre", ignore=shutil.ignore_patterns("home"))
    return str(tmp_path / "centre" / "central.sqlite3")


def refused(capsys, db: str, argv: list[str], *words: str) -> None:
    before = state(db)
    capsys.readouterr()
    assert main([*argv, "--db", db]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    for word in words:
        assert word in err
    assert state(db) == before


def test_a_gias_file_of_another_authority_says_which_it_holds(db, capsys):
    refused(capsys, db, ["central", "schools", "import",
                         str(GIAS / "suffolk_edubasealldata20260901.csv")],
            "no school of LA 926", "holds LA codes 935 (Suffolk)")


def test_a_file_that_is_not_gias(db, tmp_path, capsys):
    other = tmp_path / "ks4.csv"
    other.write_text("URN,SCHNAME,ATT8SCR\n100001,A school,45\n", encoding="utf-8")
    refused(capsys, db, ["central", "schools", "import", str(other)],
            "not a Get Information About Schools extract", "'EstablishmentStatus (name)'")


def test_a_damaged_date_refuses_the_whole_extract(db, tmp_path, capsys):
    text = (GIAS / "edubasealldata20270105.csv").read_bytes().replace(b'"31-12-2026"',
                                                                      b'"31-13-2026"')
    (tmp_path / "bad.csv").write_bytes(text)
    refused(capsys, db, ["central", "schools", "import", str(tmp_path / "bad.csv")],
            "row 4, CloseDate", "'31-13-2026' is not a date")


@pytest.mark.parametrize("argv, words", [
    (["central", "assign", "--adviser", "nobody@example.gov.uk", "121001"],
     ["no adviser 'nobody@example.gov.uk'", "central advisers add"]),
    (["central", "assign", "--adviser", ANN, "121003"],
     ["121003 Brook Lane Primary School closed on 31 December 2026"]),
    (["central", "assign", "--adviser", ANN, "121001", "999999"],
     ["URN 999999 is not one of the authority's schools"]),
    (["central", "assign", "--adviser", ANN], ["Name the schools"]),
    (["central", "advisers", "add", "Ann Again", "--email", ANN.upper()],
     ["already an adviser (Ann Adviser)"]),
    (["central", "advisers", "add", "Nemo", "--email", "not an email"],
     ["is not an email address"]),
    (["central", "advisers", "retire", "nobody@example.gov.uk"], ["There is no adviser"]),
    (["central", "init", "--authority", "Suffolk County Council", "--la", "935"],
     ["already set up for Norfolk County Council"]),
    (["central", "init", "--authority", "Norfolk County Council", "--la", "92"],
     ["'92' is not three digits"]),
])
def test_refusals_change_nothing(db, capsys, argv, words):
    refused(capsys, db, argv, *words)


def test_one_bad_row_of_a_sheet_refuses_the_sheet(db, tmp_path, capsys):
    sheet = tmp_path / "caseloads.csv"
    sheet.write_text(f"URN,Adviser email\n121001,{ANN}\n121002,bob@example.gov.uk\n",
                     encoding="utf-8")
    refused(capsys, db, ["central", "assign", "--from", str(sheet), "--year", "2026/27"],
            "caseloads.csv: there is no adviser 'bob@example.gov.uk'")
    sheet.write_text("URN,School\n121001,St Mary's\n", encoding="utf-8")
    refused(capsys, db, ["central", "assign", "--from", str(sheet)],
            "needs a URN column and an adviser email column")


def test_a_retired_adviser_takes_no_schools_and_keeps_their_history(db, capsys):
    assert main(["central", "assign", "--adviser", ANN, "121001", "--year", "2026/27",
                 "--db", db]) == 0
    assert main(["central", "advisers", "retire", ANN, "--date", "2026-12-01",
                 "--year", "2026/27", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Retired Ann Adviser" in out and "121001 St Mary’s" in out
    refused(capsys, db, ["central", "assign", "--adviser", ANN, "121002"],
            "retired on 01 December 2026")
    assert main(["central", "advisers", "list", "--year", "2026/27", "--db", db]) == 0
    assert "retired 01 Dec 2026" in capsys.readouterr().out


def test_a_retire_hook_that_fails_leaves_the_adviser_as_they_were(db):
    from datetime import date

    def revoke(_session: object, _adviser: object) -> None:
        raise RuntimeError("certificate authority unreachable")

    RETIRE_HOOKS.append(revoke)
    store = open_central(db)
    try:
        with pytest.raises(RuntimeError):
            retire_adviser(store, ANN, date(2026, 12, 1), 2026)
    finally:
        RETIRE_HOOKS.remove(revoke)
    with store.session() as s:
        from linkadviser.store.models import Adviser

        assert s.scalar(select(func.count()).where(Adviser.retired_on.is_not(None))) == 0
    store.close()


def test_importing_the_same_extract_again_changes_nothing(db):
    store = open_central(db)
    try:
        report = import_schools(store, GIAS / "edubasealldata20270105.csv")
    finally:
        store.close()
    assert (report.added, report.changed, report.closed) == ([], [], [])
    assert report.unchanged == 5
