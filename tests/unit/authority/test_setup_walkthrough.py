"""A new authority starts from nothing: the whole path, on SQLite and on PostgreSQL.

central init, the GIAS extract, two advisers, caseloads from the authority's Excel sheet,
central export, a fresh adviser store seeing exactly its schools, a visit done and sent back,
central merge, central report; then the next term's GIAS extract (an academy conversion, a
closure) and a school moved to the other adviser with its history.
"""

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from linkadviser.cli import main
from linkadviser.programme import default_programme
from linkadviser.school.facts import SchoolFacts
from linkadviser.services import Services
from linkadviser.store.db import Store, open_store
from linkadviser.store.models import ActionPoint, School, Visit
from linkadviser.sync.export import export_adviser
from linkadviser.sync.importer import import_file
from tests.unit.authority.test_central_merge import _adviser_does_a_visit

GIAS = Path(__file__).resolve().parents[2] / "fixtures" / "gias"
FIRST, LATER = GIAS / "edubasealldata20260901.csv", GIAS / "edubasealldata20270105.csv"
ANN, BOB = "ann.adviser@example.gov.uk", "bob.adviser@example.gov.uk"
YEAR = "2026/27"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "central.sqlite3")
    return request.getfixturevalue("pg_url")


def run(capsys, *argv: str) -> str:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    return captured.out


def sheet(path: Path, rows: list[tuple[object, str]]) -> Path:
    """The authority's caseload sheet as they keep it: a title row, then URN and email."""
    book = openpyxl.Workbook()
    page = book.active
    page.append(["Link Adviser caseloads 2026/27"])
    page.append(["URN", "School", "Link Adviser email"])
    for urn, email in rows:
        page.append([urn, "", email])
    book.save(path)
    return path


def caseload(store: Store) -> set[int]:
    with store.session() as s:
        return set(s.scalars(select(School.urn).where(School.in_caseload)))


def test_a_new_authority_from_gias_to_the_county_report(db, tmp_path, capsys):
    out = run(capsys, "central", "init", "--db", db, "--authority", "Norfolk County Council",
              "--la", "926")
    assert "Norfolk County Council (LA 926)" in out
    out = run(capsys, "central", "schools", "import", str(FIRST), "--db", db)
    assert "added: 5" in out and "St Mary’s Church of England Primary School" in out
    assert "Ûnity Invented High School" in out  # read as Windows-1252, as downloaded
    assert "Heath House" not in out and "Old Mill" not in out and "Suffolk" not in out
    assert "not loaded: 2 not state-funded" in out and "1 of other authorities" in out
    run(capsys, "central", "advisers", "add", "Ann Adviser", "--email", ANN, "--db", db)
    run(capsys, "central", "advisers", "add", "Bob Adviser", "--email", BOB, "--db", db)
    book = sheet(tmp_path / "caseloads.xlsx",
                 [(121001, ANN), (121002, ANN), (121003, BOB), (121004, BOB), (121005, BOB)])
    out = run(capsys, "central", "assign", "--from", str(book), "--year", YEAR, "--db", db)
    assert "5 assigned, 0 moved" in out
    out = run(capsys, "central", "advisers", "list", "--year", YEAR, "--db", db)
    assert "ann.adviser@example.gov.uk  2" in out and "bob.adviser@example.gov.uk  3" in out

    run(capsys, "central", "export", "--db", db, "-o", str(tmp_path / "out"))
    ann = open_store(tmp_path / "ann.sqlite3")
    import_file(ann, tmp_path / "out" / "for-ann-adviser-example-gov-uk.zip")
    assert caseload(ann) == {121001, 121002}  # exactly her schools
    with ann.session() as s:
        school = s.scalars(select(School).where(School.urn == 121002)).one()
        assert (school.trust, school.la_maintained, school.establishment_group) == (
            "Invented Learning Trust", False, "Academies")
        assert s.scalars(select(School.la_maintained).where(School.urn == 121001)).one()
    _adviser_does_a_visit(ann, "St Mary’s Church of England Primary School")
    back = tmp_path / "from-ann.zip"
    export_adviser(ann, back)
    ann.close()

    assert "Imported" in run(capsys, "central", "merge", "--db", db, str(back))
    out = run(capsys, "central", "report", "--db", db, "--date", "2026-11-26", "--no-record")
    assert out.startswith("Norfolk County Council: county report")
    assert "Ann Adviser" in out and "Bob Adviser" in out

    # Next term: Brook Lane converts to an academy; St Mary's has a new headteacher.
    out = run(capsys, "central", "schools", "import", str(LATER), "--db", db)
    assert ("149001 Brook Lane Primary Academy (Primary, Academy converter), replacing "
            "121003 Brook Lane Primary School") in out
    assert ("121003 Brook Lane Primary School, closed on 31 December 2026; now 149001 Brook "
            "Lane Primary Academy") in out
    assert "121001 St Mary’s Church of England Primary School: headteacher" in out
    assert "unchanged: 3" in out
    assert main(["central", "assign", "--adviser", BOB, "121003", "--db", db]) == 2
    assert "closed on 31 December 2026" in capsys.readouterr().err
    # St Mary's moves to Bob with Ann's visit; the new academy goes to Bob too.
    out = run(capsys, "central", "assign", "--adviser", BOB, "121001", "149001",
              "--year", YEAR, "--db", db)
    assert "1 assigned, 1 moved" in out and "Ann Adviser -> Bob Adviser" in out
    run(capsys, "central", "export", "--db", db, "-o", str(tmp_path / "next"))
    bob = open_store(tmp_path / "bob.sqlite3")
    import_file(bob, tmp_path / "out" / "for-bob-adviser-example-gov-uk.zip")
    import_file(bob, tmp_path / "next" / "for-bob-adviser-example-gov-uk.zip")
    assert caseload(bob) == {121001, 121003, 121004, 121005, 149001}
    with bob.session() as s:  # the school came with its history
        assert s.scalars(select(ActionPoint.text)).all() == ["Governors' review"]
        assert s.scalars(select(School.status).where(School.urn == 121003)).one() == "closed"
        assert s.scalars(select(School.predecessor_urn)
                         .where(School.urn == 149001)).one() == 121003
        ids = dict(s.execute(select(School.urn, School.id)).all())
    # The school page's facts, in the adviser's own store: the old and new schools together.
    facts = SchoolFacts(bob)
    academy, old = facts.register(ids[149001]), facts.register(ids[121003])
    assert academy.kind_text == "Academy (converted from URN 121003, Brook Lane Primary School)"
    assert (academy.status_text, old.status_text) == ("Open", "Closed on 31 December 2026")
    assert old.successor_text == "Became an academy: URN 149001, Brook Lane Primary Academy"
    assert academy.trust and academy.address and academy.headteacher
    closed = {r.urn for r in Services(bob, default_programme()).caseload.rows() if r.closed}
    assert closed == {121003}
    bob.close()
    ann = open_store(tmp_path / "ann.sqlite3")
    import_file(ann, tmp_path / "next" / "for-ann-adviser-example-gov-uk.zip")
    assert caseload(ann) == {121002}  # her laptop learns St Mary's has moved
    with ann.session() as s:  # and keeps the visit she did
        assert s.scalars(select(Visit.state)).all() == ["ready_to_sign"]
    ann.close()


def test_the_county_splits_maintained_academies_and_free_schools(tmp_path, capsys):
    db = str(tmp_path / "central.sqlite3")
    run(capsys, "central", "init", "--db", db, "--authority", "Norfolk County Council",
        "--la", "926")
    run(capsys, "central", "schools", "import", str(LATER), "--db", db)
    out = run(capsys, "central", "report", "--db", db, "--date", "2026-11-26", "--no-record",
              "-o", str(tmp_path / "report"))
    by_kind = out[out.index("Ofsted grades by kind of school"):]
    for line in ("All schools  Academy", "All schools  Free school", "All schools  LA maintained",
                 "Primary      Academy", "Special      LA maintained"):
        assert line in by_kind
    assert "Brook Lane Primary School" not in out  # closed: kept, no longer counted
    rows = (tmp_path / "report" / "county-by-kind.csv").read_text(encoding="utf-8-sig")
    assert "All schools,Academy,yes,0,0,0,0,0,0,2" in rows  # two academies, not inspected
