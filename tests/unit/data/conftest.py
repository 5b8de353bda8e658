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


def invented_mi(count: int, seed: int = 3) -> list[dict[str, str]]:
    """``count`` invented schools' rows of Ofsted's MI as published in February 2026."""
    from datetime import date

    from linkadviser.data.invented_ofsted import MiSchool, mi_row

    return [mi_row(MiSchool(200000 + i, f"School {i}", ("Primary", "Secondary")[i % 2],
                            "Authority", "East of England"), date(2026, 2, 28), seed)
            for i in range(count)]


def write_mi(path: Path, rows: list[dict[str, str]]) -> Path:
    import csv

    from linkadviser.data.invented_ofsted import COLUMNS

    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


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
