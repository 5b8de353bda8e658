"""The demo caseload: loads into an empty store, looks current, and is signed for real."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from linkadviser.calendar import TermOfYear
from linkadviser.caseload.overview import Caseload
from linkadviser.caseload.term import term_bounds
from linkadviser.demo import caseload as demo
from linkadviser.demo.caseload import DemoRefusedError, is_demo, load_demo
from linkadviser.store.models import (
    ActionPoint,
    Adviser,
    ChargeableService,
    School,
    SignedVersion,
    Visit,
)
from linkadviser.visit.editor import VisitEditor
from linkadviser.visit.workflow import Workflow

AUTUMN = date(2026, 11, 26)
SPRING = date(2027, 2, 10)


@pytest.fixture(autouse=True)
def no_data_import(monkeypatch):
    """The performance files belong to the data import; these tests are about the caseload."""
    monkeypatch.setattr(demo, "_import_data", lambda store: "")


def count(store, model) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_loads_into_an_empty_store_marked_invented(store, programme):
    summary = load_demo(store, programme, AUTUMN)
    assert summary.schools == 42 == count(store, School)
    assert summary.academic_year == 2026
    assert is_demo(store)
    with store.session() as session:
        assert session.scalars(select(Adviser.name)).all() == ["Demo Adviser (invented)"]
        years = set(session.scalars(select(Visit.academic_year)))
    assert years == {2025, 2026}
    assert "invented" in str(summary)


def test_caseload_shows_work_at_every_stage(store, programme):
    load_demo(store, programme, AUTUMN)
    rows = Caseload(store, programme, lambda: AUTUMN).rows()
    autumn_states = Counter(v.state for row in rows
                            for v in Caseload(store, programme, lambda: AUTUMN)
                            .overview(row.school_id).schedule if v.number == 1)
    assert {"Signed", "In progress", "Not started"} <= set(autumn_states)
    assert Caseload(store, programme, lambda: AUTUMN).due()
    assert sum(r.overdue_actions for r in rows) > 0
    assert sum(r.open_actions for r in rows) > sum(r.overdue_actions for r in rows)
    with store.session() as session:
        statuses = set(session.scalars(select(ActionPoint.status)))
    assert {"open", "done"} <= statuses


def test_autumn_visits_left_undone_are_overdue_by_spring(store, programme):
    load_demo(store, programme, SPRING)
    rows = Caseload(store, programme, lambda: SPRING).rows()
    assert sum(r.overdue for r in rows) > 0


def test_last_year_has_gaps_to_show_overdue_history(store, programme):
    load_demo(store, programme, AUTUMN)
    with store.session() as session:
        per_school = Counter(session.scalars(
            select(Visit.school_id).where(Visit.academic_year == 2025,
                                          Visit.state == "signed")))
    assert len(per_school) == 42
    assert Counter(per_school.values())[4] > 30
    assert any(n < 4 for n in per_school.values())


def test_signed_visits_carry_their_true_fingerprint_and_meet_qa(store, programme):
    load_demo(store, programme, AUTUMN)
    with store.session() as session:
        signed = session.execute(select(SignedVersion.visit_id, SignedVersion.fingerprint)).all()
    assert len(signed) == count(store, SignedVersion) > 100
    editor, workflow = VisitEditor(store), Workflow(store, programme, lambda: AUTUMN)
    for visit_id, fingerprint in signed[:40]:
        assert editor.content(visit_id).fingerprint() == fingerprint
        assert workflow.unmet(visit_id) == []


def test_content_differs_from_school_to_school(store, programme):
    load_demo(store, programme, AUTUMN)
    editor = VisitEditor(store)
    with store.session() as session:
        ids = session.scalars(select(Visit.id).where(Visit.visit_number == 1,
                                                     Visit.academic_year == 2025)).all()
    notes = {editor.content(i).agenda_notes["analysis"] for i in ids}
    assert len(notes) > 20


def test_the_demo_follows_the_calendar(store, programme):
    load_demo(store, programme, date(2031, 3, 3))  # a Monday: yesterday was a Sunday
    with store.session() as session:
        years = set(session.scalars(select(Visit.academic_year)))
        latest = session.scalar(select(func.max(Visit.visit_date)))
    assert years == {2029, 2030}
    assert latest < date(2031, 3, 3)
    assert_visits_on_school_days(store, programme)


def assert_visits_on_school_days(store, programme) -> None:
    """Link Advisers visit schools on school days: Monday to Friday, in the visit's term."""
    with store.session() as session:
        visits = session.execute(select(Visit.academic_year, Visit.visit_number,
                                        Visit.planned_date, Visit.visit_date)).all()
        services = session.scalars(select(ChargeableService.taken_on)).all()
    assert visits and services
    for year, number, planned, happened in visits:
        first, last = term_bounds(TermOfYear(year, programme.visit(number).term), programme)
        for day in (planned, happened or planned):
            assert day.weekday() < 5, f"visit {number} of {year} on {day:%a %d %b %Y}"
            assert first <= day <= last, f"visit {number} of {year} on {day} is out of term"
    assert [d for d in services if d.weekday() >= 5] == []


def test_a_second_load_is_refused_and_changes_nothing(store, programme):
    load_demo(store, programme, AUTUMN)
    before = [count(store, model) for model in (School, Visit, SignedVersion, ActionPoint)]
    with pytest.raises(DemoRefusedError, match="already has 42 school"):
        load_demo(store, programme, AUTUMN)
    assert [count(store, model) for model in (School, Visit, SignedVersion, ActionPoint)] \
        == before


def test_the_committed_caseload_is_what_the_script_generates():
    """The data file and the bank it came from cannot drift apart unnoticed."""
    from scripts.make_demo_caseload import build

    assert build() == demo.read_caseload()
