"""The county-sized generator, on a small county: same shape, true fingerprints, refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from linkadviser.calendar import TermOfYear
from linkadviser.caseload.term import term_bounds
from linkadviser.demo.caseload import DemoRefusedError, is_demo
from linkadviser.demo.county import generate_county, main
from linkadviser.store.db import open_store
from linkadviser.store.models import ActionPoint, School, SignedVersion, Statement, Target, Visit
from linkadviser.visit.content import canonical_json
from linkadviser.visit.editor import VisitEditor
from linkadviser.visit.workflow import Workflow

TODAY = date(2026, 11, 26)


def small(store, programme, seed=7):
    return generate_county(store, programme, schools=5, years=2, seed=seed, today=TODAY)


def test_every_school_gets_four_visits_a_year_with_their_parts(store, programme):
    summary = small(store, programme)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(School)) == 5
        assert session.scalar(select(func.count()).select_from(Visit)) == 40 == summary.visits
        past = session.scalars(select(Visit.state).where(Visit.academic_year == 2025)).all()
        visits = session.execute(select(Visit.academic_year, Visit.visit_number,
                                        Visit.planned_date)).all()
        for model in (Statement, Target, ActionPoint):
            assert session.scalar(select(func.count()).select_from(model)) >= 20
    assert past == ["signed"] * 20
    assert is_demo(store)
    for year, number, planned in visits:  # on school days, in the visit's term
        first, last = term_bounds(TermOfYear(year, programme.visit(number).term), programme)
        assert planned.weekday() < 5 and first <= planned <= last, (number, planned)
    assert set(summary.timings) >= {"compose", "insert"}


def test_signed_versions_match_the_content_recomputed_from_the_store(store, programme):
    summary = small(store, programme)
    with store.session() as session:
        signed = session.execute(select(SignedVersion.visit_id, SignedVersion.fingerprint,
                                        SignedVersion.content_json)).all()
    assert len(signed) == summary.signed >= 20
    editor = VisitEditor(store)
    workflow = Workflow(store, programme, lambda: TODAY)
    for visit_id, fingerprint, content_json in signed:
        content = editor.content(visit_id)
        assert content.fingerprint() == fingerprint
        assert canonical_json(content.canonical()) == content_json
        assert workflow.unmet(visit_id) == []


def test_the_same_seed_gives_the_same_records(home, programme):
    prints = []
    for name in ("a", "b"):
        other = open_store(home / f"{name}.sqlite3")
        small(other, programme, seed=11)
        with other.session() as session:
            prints.append(sorted(session.scalars(select(SignedVersion.fingerprint))))
        other.close()
    assert prints[0] == prints[1]


def test_a_store_with_schools_is_refused(store, programme):
    small(store, programme)
    with pytest.raises(DemoRefusedError):
        small(store, programme)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(School)) == 5


def test_module_entry_creates_a_store_file(home, capsys):
    path = home / "county.sqlite3"
    assert main([str(path), "--schools", "3", "--years", "1"]) == 0
    out = capsys.readouterr().out
    assert "12 visits in the store" in out and "MB" in out
    assert main([str(path), "--schools", "3", "--years", "1"]) == 1
    assert "already has 3 schools;" in capsys.readouterr().err
