"""Importing Ofsted's inspection outcomes brings the caseload's grades up to date, never back."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from linkadviser.data import importer
from linkadviser.data.errors import DataImportError
from linkadviser.data.importer import import_file
from linkadviser.store.models import School
from linkadviser.store.models_data import DataImport
from tests.unit.data.conftest import FIXTURES, fixture

OFSTED = FIXTURES / "ofsted_state_funded_schools_mi.csv"
HEADER = ("Web link,URN,School name,Ofsted phase,Inspection start date,Overall effectiveness,"
          "Quality of education")


def schools(store, *rows: tuple[int, int | None, date | None, bool]) -> None:
    """(urn, grade, inspected, in caseload) as the store holds them before the import."""
    with store.transaction() as session:
        for urn, grade, inspected, in_caseload in rows:
            session.add(School(urn=urn, name=f"School {urn}", phase="Primary",
                               ofsted_grade=grade, ofsted_date=inspected,
                               in_caseload=in_caseload))


def grades(store) -> dict[int, tuple[int | None, date | None]]:
    with store.session() as session:
        return {s.urn: (s.ofsted_grade, s.ofsted_date) for s in session.scalars(select(School))}


def ofsted_file(tmp_path, *rows: str) -> object:
    path = tmp_path / "ofsted_mi.csv"
    path.write_text("\n".join([HEADER, *(f"x,{row}" for row in rows)]) + "\n", encoding="utf-8")
    return path


def test_a_newer_inspection_updates_the_caseload_school(store):
    # in the fixture: 100002 graded 3 on 22/01/2024; 100005 not graded (NULL) on 25/04/2024;
    # 100001 graded 2 on 21/06/2024 but not in the caseload
    schools(store, (100002, 2, date(2019, 5, 1), True), (100003, None, None, True),
            (100005, 2, date(2018, 1, 1), True), (100001, 4, date(2019, 1, 1), False))
    report = import_file(store, OFSTED)
    assert grades(store) == {100002: (3, date(2024, 1, 22)), 100003: (4, date(2024, 2, 23)),
                             100005: (2, date(2018, 1, 1)), 100001: (4, date(2019, 1, 1))}
    assert report.grades_updated == 2
    assert report.as_dict()["grades_updated"] == 2
    assert ("  caseload schools given a newer Ofsted grade and inspection date: 2"
            in report.lines())


def test_an_older_file_never_overwrites_a_newer_grade(store, tmp_path):
    schools(store, (100002, 1, date(2025, 1, 10), True), (100003, 2, date(2024, 2, 23), True))
    report = import_file(store, OFSTED)  # 100002: 3 in 2024; 100003: 4 on the same day
    assert grades(store) == {100002: (1, date(2025, 1, 10)), 100003: (2, date(2024, 2, 23))}
    assert report.grades_updated == 0
    newer = ofsted_file(tmp_path, "100002,S,Primary,2025-11-03,2,2")  # ISO dates read too
    assert import_file(store, newer).grades_updated == 1
    assert grades(store)[100002] == (2, date(2025, 11, 3))


def test_an_unreadable_date_names_row_and_column_and_changes_nothing(store, tmp_path):
    schools(store, (100002, 2, date(2019, 5, 1), True))
    path = ofsted_file(tmp_path, "100001,S,Secondary,21/06/2024,2,2",
                       "100002,S,Primary,last June,3,3")
    with pytest.raises(DataImportError, match=r"'Inspection start date', row 3: 'last June'"):
        import_file(store, path, year=2023)
    assert grades(store) == {100002: (2, date(2019, 5, 1))}


@pytest.mark.parametrize("day", ["01/01/1500", "1500-01-01", "31/12/9999"])
def test_a_date_pandas_cannot_hold_is_refused_not_read_as_another_day(store, tmp_path, day):
    # read in pandas' microseconds and turned into nanoseconds, 01/01/1500 became 2084-07-20
    schools(store, (100002, 2, date(2019, 5, 1), True))
    path = ofsted_file(tmp_path, "100001,S,Secondary,21/06/2024,2,2",
                       f"100002,S,Primary,{day},3,3")
    with pytest.raises(DataImportError, match=rf"'Inspection start date', row 3: '{day}' is "
                       "not a date"):
        import_file(store, path, year=2023)
    assert grades(store) == {100002: (2, date(2019, 5, 1))}


def test_grades_and_figures_are_written_in_one_transaction(store, monkeypatch):
    schools(store, (100002, 2, date(2019, 5, 1), True))
    real = importer.update_school_grades

    def update_then_fail(session, inspections):
        assert real(session, inspections) == 1
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "update_school_grades", update_then_fail)
    with pytest.raises(RuntimeError):
        import_file(store, OFSTED)
    assert grades(store) == {100002: (2, date(2019, 5, 1))}
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(DataImport)) == 0


def test_files_without_grades_do_not_mention_them(store, caseload_school):
    report = import_file(store, fixture("england_ks2final.csv"))
    assert report.grades_updated is None and report.as_dict()["grades_updated"] is None
    assert not any("Ofsted grade" in line for line in report.lines())
