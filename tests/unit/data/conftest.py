"""Helpers for the data tests: the invented fixture files and a school in the caseload."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from linkadviser.store.models import AcademicYear, School, Visit
from linkadviser.store.models_data import DataRow

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "data"
CASELOAD_URN = 100002  # an invented primary school in the fixtures (LA 926)
SECONDARY_URN = 100001


def fixture(name: str, year: str = "2024-2025") -> Path:
    return FIXTURES / year / name


def stored_cards(store) -> dict[int, str]:
    """The report cards' areas as stored, by school (the rows with a card)."""
    with store.session() as session:
        return dict(session.execute(select(DataRow.urn, DataRow.card_areas)
                                    .where(DataRow.card_areas.is_not(None))).all())


@pytest.fixture
def caseload_school(store) -> str:
    with store.transaction() as session:
        school = School(urn=CASELOAD_URN, name="Invented Primary School 2", phase="Primary")
        session.add(school)
        session.flush()
        return school.id


@pytest.fixture
def visit_one(store, caseload_school) -> str:
    with store.transaction() as session:
        session.add(AcademicYear(start_year=2025))
        visit = Visit(school_id=caseload_school, academic_year=2025, visit_number=1,
                      programme_id="test", programme_version="1")
        session.add(visit)
        session.flush()
        return visit.id
