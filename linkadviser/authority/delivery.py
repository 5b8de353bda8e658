"""Is the programme being delivered? Visits done, due and overdue per term and per adviser.

A visit is expected for every school in an adviser's caseload for the year, whether or not the
adviser has planned it yet: an unplanned visit is as overdue as a planned one once its term ends.
A visit counts as done once it has taken place (a visit date on or before today, or signed);
its record is "not yet signed" until it is signed (an amendment in progress is not signed).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.calendar import TERM_ORDER, term_start
from linkadviser.data.config import DataRules, default_rules
from linkadviser.data.verdict import stored_target_met
from linkadviser.programme.model import Programme
from linkadviser.store.models import ActionPoint, Adviser, CaseloadAssignment, Target, Visit

DONE_STATES = {"signed", "amending"}
UNASSIGNED = "(no adviser)"


@dataclass
class DeliveryRow:
    """One adviser's delivery in one term (or in the year, when term is 'year')."""

    adviser: str
    term: str
    expected: int = 0
    done: int = 0
    due: int = 0  # the term has started, not yet done
    overdue: int = 0  # the term has ended, not done
    not_started: int = 0  # the term has not started
    not_signed: int = 0  # done, record not signed
    action_points_open: int = 0
    action_points_overdue: int = 0
    targets_agreed: int = 0
    targets_with_outcome: int = 0
    targets_met: int = 0


@dataclass
class Delivery:
    academic_year: int
    today: date
    rows: list[DeliveryRow] = field(default_factory=list)  # per adviser per term
    advisers: list[DeliveryRow] = field(default_factory=list)  # per adviser, whole year
    total: DeliveryRow = field(default_factory=lambda: DeliveryRow("All advisers", "year"))


def _term_end(year: int, term: str, programme: Programme) -> date:
    i = TERM_ORDER.index(term)
    if i + 1 < len(TERM_ORDER):
        return term_start(year, TERM_ORDER[i + 1], programme.terms)
    return term_start(year + 1, TERM_ORDER[0], programme.terms)


def _is_done(visit: Visit | None, today: date) -> bool:
    if visit is None:
        return False
    return visit.state in DONE_STATES or (visit.visit_date is not None
                                          and visit.visit_date <= today)


def _add(into: DeliveryRow, row: DeliveryRow) -> None:
    for name in vars(row):
        if name not in ("adviser", "term"):
            setattr(into, name, getattr(into, name) + getattr(row, name))


def delivery(session: Session, programme: Programme, academic_year: int,
             today: date, rules: DataRules | None = None) -> Delivery:
    """Delivery for the year; ``rules`` (the data catalogue) say which way each target runs."""
    rules = rules or default_rules()
    names = dict(session.execute(select(Adviser.id, Adviser.name)).all())
    assigned = dict(session.execute(
        select(CaseloadAssignment.school_id, CaseloadAssignment.adviser_id)
        .where(CaseloadAssignment.academic_year == academic_year)).all())
    visits = {(v.school_id, v.visit_number): v for v in session.scalars(
        select(Visit).where(Visit.academic_year == academic_year))}
    cells: dict[tuple[str, str], DeliveryRow] = {}

    def cell(school_id: str, term: str) -> DeliveryRow:
        adviser = names.get(assigned.get(school_id, ""), UNASSIGNED)
        return cells.setdefault((adviser, term), DeliveryRow(adviser, term))

    schools = set(assigned) | {school_id for school_id, _ in visits}
    for school_id in schools:
        for definition in programme.visits:
            visit = visits.get((school_id, definition.number))
            if visit is None and school_id not in assigned:
                continue
            term = definition.term
            row = cell(school_id, term)
            row.expected += 1
            if _is_done(visit, today):
                row.done += 1
                row.not_signed += visit is not None and visit.state != "signed"
            elif today >= _term_end(academic_year, term, programme):
                row.overdue += 1
            elif today >= term_start(academic_year, term, programme.terms):
                row.due += 1
            else:
                row.not_started += 1
    year_visits = {v.id: v.school_id for v in visits.values()}
    for point in session.scalars(select(ActionPoint).where(ActionPoint.status == "open")):
        if point.visit_id in year_visits or point.school_id in assigned:
            row = cell(point.school_id, "year")
            row.action_points_open += 1
            row.action_points_overdue += point.due_date is not None and point.due_date < today
    # A join, not IN (ids): a national store has more of this year's visits than PostgreSQL
    # takes parameters in one statement.
    for target in session.scalars(select(Target).join(Visit, Visit.id == Target.visit_id)
                                  .where(Visit.academic_year == academic_year)):
        row = cell(target.school_id, "year")
        row.targets_agreed += target.agreed
        if target.agreed and target.outcome is not None and target.target is not None:
            row.targets_with_outcome += 1
            row.targets_met += stored_target_met(rules, target.measure, target.target,
                                                 target.outcome)
    return _summarise(academic_year, today, cells)


def _summarise(academic_year: int, today: date,
               cells: dict[tuple[str, str], DeliveryRow]) -> Delivery:
    result = Delivery(academic_year, today)
    order = {term: i for i, term in enumerate((*TERM_ORDER, "year"))}
    per_adviser: dict[str, DeliveryRow] = defaultdict(lambda: DeliveryRow("", "year"))
    for (adviser, term), row in sorted(cells.items(), key=lambda kv: (kv[0][0],
                                                                       order[kv[0][1]])):
        if term != "year":
            result.rows.append(row)
        total = per_adviser[adviser]
        total.adviser = adviser
        _add(total, row)
        _add(result.total, row)
    result.advisers = [per_adviser[name] for name in sorted(per_adviser)]
    return result
