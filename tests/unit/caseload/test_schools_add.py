"""An adviser without a centre builds a caseload from GIAS, or by hand; refusals change nothing."""

from pathlib import Path

import pytest
from sqlalchemy import select

from linkadviser.authority.profile import init_centre
from linkadviser.caseload.directory import search
from linkadviser.cli import main
from linkadviser.store.db import open_store
from linkadviser.store.models import AcademicYear, ChangeLog, School, Visit

GIAS = Path(__file__).resolve().parents[2] / "fixtures" / "gias"


@pytest.fixture
def alone(home, capsys):
    """An adviser's own store with the latest GIAS extract imported."""
    assert main(["init"]) == 0
    assert main(["import", str(GIAS / "edubasealldata20270105.csv")]) == 0
    assert "kept to add to your caseload by URN or name: 8" in capsys.readouterr().out
    return home / "linkadviser.sqlite3"


def caseload(path: Path) -> dict[int, str]:
    store = open_store(path)
    try:
        with store.session() as s:
            return dict(s.execute(select(School.urn, School.name)
                                  .where(School.in_caseload)).all())
    finally:
        store.close()


def test_schools_added_by_urn_take_their_details_from_gias(alone, capsys):
    assert main(["schools", "add", "121001", "149001"]) == 0
    out = capsys.readouterr().out
    assert "121001 St Mary’s Church of England Primary School (Primary)" in out
    store = open_store(alone)
    with store.session() as s:
        academy = s.scalars(select(School).where(School.urn == 149001)).one()
        assert (academy.trust, academy.la_maintained, academy.predecessor_urn,
                academy.headteacher, academy.address) == (
            "Invented Learning Trust", False, 121003, "Ms Dee Sample",
            "Brook Lane, Thetford, IP24 1AA")
    store.close()
    assert main(["schools", "--json"]) == 0
    assert '"urn": 149001' in capsys.readouterr().out


def test_a_school_taken_out_keeps_its_history(alone, capsys):
    assert main(["schools", "add", "121002"]) == 0
    store = open_store(alone)
    with store.transaction() as s:
        school = s.scalars(select(School).where(School.urn == 121002)).one()
        s.merge(AcademicYear(start_year=2026))
        s.add(Visit(school_id=school.id, academic_year=2026, visit_number=1,
                    programme_id="p", programme_version="1"))
    store.close()
    assert main(["schools", "remove", "121002"]) == 0
    assert "its visits and records stay" in capsys.readouterr().out
    assert caseload(alone) == {}
    assert main(["schools", "add", "121002"]) == 0
    assert "(back, with its history)" in capsys.readouterr().out
    store = open_store(alone)
    with store.session() as s:
        assert s.scalars(select(Visit.visit_number)).all() == [1]
        assert {"added to caseload", "taken out of caseload"} <= set(
            s.scalars(select(ChangeLog.action)))
    store.close()


def test_a_school_by_hand_when_gias_does_not_hold_it(alone, capsys):
    assert main(["schools", "add", "777777"]) == 2
    err = capsys.readouterr().err
    assert "the last GIAS import (edubasealldata20270105.csv) does not hold it" in err
    assert "--name and --phase" in err
    assert main(["schools", "add", "777777", "--name", "Ysgol Gŵyr", "--phase", "secondary"]) == 0
    assert caseload(alone) == {777777: "Ysgol Gŵyr"}


@pytest.mark.parametrize("argv, words", [
    (["schools", "add", "121001", "777777"], "777777: the last GIAS import"),  # all or none
    (["schools", "add", "121003"], "121003 Brook Lane Primary School closed on 31 December"),
    (["schools", "add", "777777", "--name", "X", "--phase", "Sixth"], "Phase 'Sixth' is not"),
    (["schools", "add", "12"], "12 is not a URN"),
    (["schools", "remove", "121001"], "URN 121001 is not in your caseload"),
])
def test_refusals_change_nothing(alone, capsys, argv, words):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1
    assert caseload(alone) == {}


def test_without_gias_the_refusal_says_to_import_it(home, capsys):
    assert main(["init"]) == 0
    assert main(["schools", "add", "121001"]) == 2
    assert "no GIAS extract has been imported" in capsys.readouterr().err


def test_a_store_fed_by_a_centre_leaves_caseloads_to_the_centre(alone, capsys):
    store = open_store(alone)
    init_centre(store, "Norfolk County Council", ["926"])
    store.close()
    assert main(["schools", "add", "121001"]) == 2
    assert "comes from the centre of Norfolk County Council" in capsys.readouterr().err


def test_search_by_name_or_urn(alone):
    store = open_store(alone)
    try:
        assert [e.urn for e in search(store, "brook")] == [149001, 121003]  # open first
        assert search(store, "121003")[0].label == "121003 Brook Lane Primary School (closed)"
        assert {e.urn for e in search(store, "1210")} == {121001, 121002, 121003, 121004,
                                                          121005, 121006}
        assert search(store, "ûnity")[0].town == "Dereham"
        assert search(store, "%") == [] and search(store, "  ") == []
    finally:
        store.close()
