"""A school's latest Ofsted report card and ungraded inspection, as the school page shows them.

Read from the newest imported Ofsted file that has any judgement on the school: a later file
replaces an earlier one's picture (the MI file always carries each school's latest grades).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from linkadviser.data.report_cards import UNGRADED
from linkadviser.store.db import Store
from linkadviser.store.models_data import DataImport, InspectionJudgement


@dataclass(frozen=True)
class AreaGrade:
    area: str
    grade: str
    graded_on: date | None


@dataclass(frozen=True)
class ReportCardView:
    """The areas of the school's report card in Ofsted's order, and its ungraded inspection."""

    areas: list[AreaGrade] = field(default_factory=list)
    ungraded: AreaGrade | None = None

    @property
    def inspected_on(self) -> date | None:
        """The report card's date: the latest date any of its areas was graded."""
        return max((a.graded_on for a in self.areas if a.graded_on), default=None)


def report_card(store: Store, urn: int) -> ReportCardView:
    with store.session() as session:
        rows = session.execute(
            select(InspectionJudgement, DataImport.academic_year)
            .join(DataImport, InspectionJudgement.import_id == DataImport.id)
            .where(InspectionJudgement.urn == urn)
            .order_by(DataImport.academic_year.desc(), InspectionJudgement.seq)).all()
    if not rows:
        return ReportCardView()
    latest = rows[0][1]
    grades = [AreaGrade(j.area, j.grade, j.graded_on) for j, year in rows if year == latest]
    ungraded = next((g for g in grades if g.area == UNGRADED), None)
    return ReportCardView([g for g in grades if g.area != UNGRADED], ungraded)
