"""Governors' sanction of the targets agreed at visit 1, with its date.

The programme agrees targets at visit 1 "to be sanctioned by governors": the governing body
gives its sanction later, usually at its next meeting. The adviser records the date here,
for all the agreed targets of a visit or for some of them. The sanction is kept beside the
targets (``TargetSanction``), so recording it never reopens a signed record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.calendar import year_label
from linkadviser.errors import WorkflowError
from linkadviser.store.db import Store
from linkadviser.store.models import Target, Visit
from linkadviser.store.models_school import TargetSanction
from linkadviser.visit.editor import log_change
from linkadviser.visit.reading import load_visit
from linkadviser.words import count


@dataclass(frozen=True)
class SanctionSummary:
    """Where a school's latest agreed targets stand with governors."""

    visit_id: str
    year: str  # "2026/27"
    agreed: int
    sanctioned: int
    last_sanctioned_on: date | None

    @property
    def text(self) -> str:
        if not self.agreed:
            return f"No targets agreed yet in {self.year}."
        agreed = f"{count(self.agreed, 'target')} agreed in {self.year}"
        if self.sanctioned == self.agreed:
            return (f"{agreed}; sanctioned by governors on "
                    f"{self.last_sanctioned_on:%d %B %Y}.")
        if self.sanctioned:
            return (f"{agreed}; {self.sanctioned} sanctioned "
                    f"by governors (last on {self.last_sanctioned_on:%d %B %Y}), "
                    f"{self.agreed - self.sanctioned} awaiting sanction.")
        return f"{agreed}; awaiting governors' sanction."


def sanctions_of(session: Session, target_ids: list[str]) -> dict[str, date]:
    rows = session.execute(select(TargetSanction.target_id, TargetSanction.sanctioned_on)
                           .where(TargetSanction.target_id.in_(target_ids)))
    return dict(rows.all())


class TargetSanctions:
    """Recording and reading governors' sanction of agreed targets. No Qt here."""

    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.today = today

    def for_visit(self, visit_id: str) -> dict[str, date]:
        """The sanction date of each sanctioned target of the visit, by target id."""
        with self.store.session() as session:
            ids = list(session.scalars(select(Target.id).where(Target.visit_id == visit_id)))
            return sanctions_of(session, ids)

    def sanction(self, visit_id: str, on: date, target_ids: list[str] | None = None) -> int:
        """Record that governors sanctioned the visit's agreed targets (or those named) on
        ``on``; all or nothing. Returns how many targets now carry that date."""
        with self.store.transaction() as session:
            visit = load_visit(session, visit_id)
            agreed = [t for t in visit.targets if t.agreed]
            chosen = agreed if target_ids is None else [t for t in agreed if t.id in target_ids]
            self._check(visit, agreed, chosen, target_ids, on)
            existing = {s.target_id: s for s in session.scalars(select(TargetSanction).where(
                TargetSanction.target_id.in_([t.id for t in chosen])))}
            for target in chosen:
                kept = existing.get(target.id)
                if kept is None:
                    session.add(TargetSanction(school_id=visit.school_id, target_id=target.id,
                                               sanctioned_on=on))
                elif kept.sanctioned_on != on:
                    kept.sanctioned_on = on
            log_change(session, "visit", visit_id, "targets_sanctioned",
                       {"on": on, "targets": len(chosen)})
            return len(chosen)

    def _check(self, visit: Visit, agreed: list[Target], chosen: list[Target],
               target_ids: list[str] | None, on: date) -> None:
        where = (f"visit {visit.visit_number} to {visit.school.name} "
                 f"({year_label(visit.academic_year)})")
        if not agreed:
            raise WorkflowError(f"No targets are agreed at {where}; governors sanction agreed "
                                "targets. Agree them first. Nothing was changed.")
        if target_ids is not None and len(chosen) != len(set(target_ids)):
            raise WorkflowError(f"Some of the targets named are not agreed targets of {where}. "
                                "Nothing was changed.")
        if on > self.today():
            raise WorkflowError(f"The sanction date {on:%d %B %Y} is in the future; record it "
                                "once governors have met. Nothing was changed.")
        started = visit.visit_date or visit.planned_date
        if started is not None and on < started:
            raise WorkflowError(f"The sanction date {on:%d %B %Y} is before the visit "
                                f"({started:%d %B %Y}) that agreed the targets. "
                                "Nothing was changed.")

    def summary(self, school_id: str) -> SanctionSummary | None:
        """The school's latest visit with targets: how many agreed, how many sanctioned."""
        with self.store.session() as session:
            visit_id = session.scalar(
                select(Visit.id).join(Target, Target.visit_id == Visit.id)
                .where(Visit.school_id == school_id)
                .order_by(Visit.academic_year.desc(), Visit.visit_number).limit(1))
        return None if visit_id is None else self.summary_of_visit(visit_id)

    def summary_of_visit(self, visit_id: str) -> SanctionSummary:
        """How many of the visit's targets are agreed, and how many sanctioned."""
        with self.store.session() as session:
            visit = load_visit(session, visit_id)
            agreed = [t.id for t in visit.targets if t.agreed]
            dates = sanctions_of(session, agreed)
            return SanctionSummary(visit_id, year_label(visit.academic_year), len(agreed),
                                   len(dates), max(dates.values(), default=None))
