"""A school's latest Ofsted report card and ungraded inspection, as the school page shows them.

Read from the newest imported Ofsted file that has either for the school: the MI file always
carries each school's latest grades, so a later file's picture replaces an earlier one's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from linkadviser.data.card_codes import decode
from linkadviser.store.db import Store
from linkadviser.store.models_data import DataImport, DataRow


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
    inspected_on: date | None = None  # the latest date any area was graded


def report_card(store: Store, urn: int) -> ReportCardView:
    with store.session() as session:
        card = session.execute(
            select(DataRow.card_inspected_on, DataRow.card_areas, DataRow.ungraded_on,
                   DataRow.ungraded_outcome)
            .join(DataImport, DataRow.import_id == DataImport.id)
            .where(DataRow.urn == urn, DataRow.card_areas.is_not(None))
            .order_by(DataImport.academic_year.desc())).first()
    if card is None:
        return ReportCardView()
    inspected_on, stored_areas, ungraded_on, outcome = card
    areas = [AreaGrade(area, grade, on) for area, grade, on in
             decode(stored_areas, inspected_on)]
    ungraded = (AreaGrade("Latest ungraded inspection", outcome, ungraded_on)
                if outcome else None)
    return ReportCardView(areas, ungraded, inspected_on)
