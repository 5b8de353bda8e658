"""The adviser's caseload: which visits are due this term, which are overdue, what is open.

A visit is due in the term the programme sets for it, and overdue once that term has passed
without it being signed. This is worked out from the programme and today's date, so visits do
not have to exist in the store before they are due.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from linkadviser.calendar import TERM_ORDER, TermOfYear, term_of, year_label
from linkadviser.caseload.rows import CaseloadRow, ScheduledVisit
from linkadviser.errors import NotFoundError
from linkadviser.programme.model import Programme
from linkadviser.school.facts import leadership_of
from linkadviser.store.db import Store
from linkadviser.store.models import ActionPoint, School, Statement, Target, Visit
from linkadviser.visit.workflow import STATE_LABELS

DONE_STATES = {"signed"}

# What the caseload reads of a school; a full record or a row of these columns will do.
SCHOOL_COLUMNS = (School.id, School.urn, School.name, School.phase, School.la_maintained,
                  School.ofsted_grade, School.status)


class SchoolLike(Protocol):
    id: str
    urn: int
    name: str
    phase: str
    la_maintained: bool
    ofsted_grade: int | None
    status: str  # open or closed


class VisitLike(Protocol):
    id: str
    state: str
    planned_date: date | None
    planned_time: str | None
    planned_place: str | None


@dataclass(frozen=True)
class ActionPointView:
    id: str
    text: str
    owner: str
    due_date: date | None
    status: str
    overdue: bool


@dataclass(frozen=True)
class TargetView:
    measure: str
    pupil_group: str
    baseline: float | None
    target: float | None
    unit: str
    outcome: float | None
    met: bool | None = None  # None until the result is known
    how: str = ""  # e.g. "missed by 1.2 percentage points"


@dataclass(frozen=True)
class VisitHistoryItem:
    visit_id: str
    academic_year: int
    year_label: str
    number: int
    title: str
    state: str
    state_label: str
    visit_date: date | None
    booked_on: date | None = None
    booked_time: str = ""
    place: str = ""


@dataclass
class SchoolOverview:
    row: CaseloadRow
    school_type: str
    local_authority: str
    ofsted_date: date | None
    pupils_on_roll: int | None
    percent_fsm: float | None
    deprivation_decile: int | None
    headteacher: str
    chair_of_governors: str
    cost_of_service: float
    schedule: list[ScheduledVisit]
    history: list[VisitHistoryItem]
    last_record_title: str = ""
    recommendations: list[str] = field(default_factory=list)
    action_points: list[ActionPointView] = field(default_factory=list)
    targets: list[TargetView] = field(default_factory=list)


class Caseload:
    def __init__(self, store: Store, programme: Programme,
                 today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.programme = programme
        self.today = today

    def current_term(self) -> TermOfYear:
        return term_of(self.today(), self.programme.terms)

    def schedule(self, visits: dict[int, VisitLike], now: TermOfYear) -> list[ScheduledVisit]:
        result = []
        for definition in self.programme.visits:
            visit = visits.get(definition.number)
            term_index = TERM_ORDER.index(definition.term)
            if visit is not None and visit.state in DONE_STATES:
                status = "done"
            elif term_index < now.index:
                status = "overdue"
            elif term_index == now.index:
                status = "due"
            else:
                status = "upcoming"
            state = STATE_LABELS[visit.state] if visit else "Not started"
            booked = visit.planned_date if visit else None
            result.append(ScheduledVisit(
                definition.number, definition.title, definition.term, status, state,
                visit.id if visit else None, booked.isoformat() if booked else "",
                (visit.planned_time or "") if visit else "",
                (visit.planned_place or "") if visit else ""))
        return result

    def rows(self, search: str = "") -> list[CaseloadRow]:
        """The caseload, with each school's next visit; ``search`` matches name or URN."""
        return [row for row, _schedule in self._caseload(search)]

    def _caseload(self, search: str = "") -> list[tuple[CaseloadRow, list[ScheduledVisit]]]:
        """Each caseload school's row and this year's schedule, from three queries in all."""
        now = self.current_term()
        with self.store.session() as session:
            query = select(*SCHOOL_COLUMNS).where(School.in_caseload).order_by(School.name)
            term = search.strip()
            if term:
                condition = School.name.ilike(f"%{term}%")
                if term.isdigit():
                    condition = condition | cast(School.urn, String).like(f"{term}%")
                query = query.where(condition)
            schools = session.execute(query).all()
            visits_by_school = self._visits_of_year(session, now.academic_year)
            open_actions, overdue_actions = self._action_counts(session)
        result = []
        for school in schools:
            schedule = self.schedule(visits_by_school[school.id], now)
            result.append((self._row(school, schedule, open_actions, overdue_actions),
                           schedule))
        return result

    @staticmethod
    def _visits_of_year(session: Session, year: int) -> dict[str, dict[int, VisitLike]]:
        """This year's visits by school and number: only the columns the caseload reads,
        because building full records for a county's visits was most of opening it."""
        by_school: dict[str, dict[int, VisitLike]] = defaultdict(dict)
        for visit in session.execute(select(Visit.id, Visit.school_id, Visit.visit_number,
                                            Visit.state, Visit.planned_date, Visit.planned_time,
                                            Visit.planned_place)
                                     .where(Visit.academic_year == year)):
            by_school[visit.school_id][visit.visit_number] = visit
        return by_school

    def _action_counts(self, session: Session, school_id: str | None = None
                       ) -> tuple[dict[str, int], dict[str, int]]:
        """Open and past-due action points per school (one school's, when named)."""
        today = self.today()
        open_q = (select(ActionPoint.school_id, func.count())
                  .where(ActionPoint.status == "open").group_by(ActionPoint.school_id))
        if school_id is not None:
            open_q = open_q.where(ActionPoint.school_id == school_id)
        overdue_q = open_q.where(ActionPoint.due_date < today)
        return dict(session.execute(open_q).all()), dict(session.execute(overdue_q).all())

    def _row(self, school: SchoolLike, schedule: list[ScheduledVisit],
             open_actions: dict[str, int], overdue_actions: dict[str, int]) -> CaseloadRow:
        closed = school.status == "closed"
        pending = [] if closed else sorted((v for v in schedule if v.status != "done"),
                                           key=lambda v: (TERM_ORDER.index(v.term), v.number))
        return CaseloadRow(
            school_id=school.id, urn=school.urn, name=school.name, phase=school.phase,
            la_maintained=school.la_maintained, ofsted_grade=school.ofsted_grade,
            ofsted_label=self.programme.grade_label(school.ofsted_grade),
            next_visit=pending[0] if pending else None,
            overdue=0 if closed else sum(1 for v in schedule if v.status == "overdue"),
            open_actions=open_actions.get(school.id, 0),
            overdue_actions=overdue_actions.get(school.id, 0),
            closed=closed,
        )

    def school_by_urn(self, urn: int) -> str:
        with self.store.session() as session:
            school_id = session.scalar(select(School.id).where(School.urn == urn))
        if school_id is None:
            raise NotFoundError(f"No school with URN {urn} is in this store. "
                                "`linkadviser schools` lists the caseload.")
        return school_id

    def overview(self, school_id: str) -> SchoolOverview:
        now = self.current_term()
        today = self.today()
        with self.store.session() as session:
            school = session.get(School, school_id)
            if school is None:
                raise NotFoundError("That school is no longer in this store.")
            visits = session.scalars(select(Visit).where(Visit.school_id == school_id)
                                     .order_by(Visit.academic_year.desc(),
                                               Visit.visit_number)).all()
            this_year = {v.visit_number: v for v in visits if v.academic_year == now.academic_year}
            open_actions, overdue_actions = self._action_counts(session, school_id)
            schedule = self.schedule(this_year, now)
            kept = leadership_of(session, school)  # as the adviser keeps it, else the centre's
            overview = SchoolOverview(
                row=self._row(school, schedule, open_actions, overdue_actions),
                school_type=school.school_type, local_authority=school.local_authority,
                ofsted_date=school.ofsted_date, pupils_on_roll=school.pupils_on_roll,
                percent_fsm=school.percent_fsm, deprivation_decile=school.deprivation_decile,
                headteacher=kept.headteacher, chair_of_governors=kept.chair,
                cost_of_service=self.programme.full_service_cost(school.la_maintained),
                schedule=schedule,
                history=[self._history_item(v) for v in visits],
            )
            last = next((v for v in visits if v.state == "signed"
                         and not self.programme.visit(v.visit_number).confidential), None)
            if last is not None:
                overview.last_record_title = (
                    f"Visit {last.visit_number}, {year_label(last.academic_year)}")
                overview.recommendations = list(session.scalars(
                    select(Statement.text).where(Statement.visit_id == last.id,
                                                 Statement.section_key == "recommendations")
                    .order_by(Statement.position)))
            overview.action_points = [
                ActionPointView(a.id, a.text, a.owner, a.due_date, a.status,
                                a.status == "open" and a.due_date is not None
                                and a.due_date < today)
                for a in session.scalars(select(ActionPoint)
                                         .where(ActionPoint.school_id == school_id)
                                         .order_by(ActionPoint.status.desc(),
                                                   ActionPoint.due_date))]
            overview.targets = self._last_targets(session, school_id)
            return overview

    def _last_targets(self, session: Session, school_id: str) -> list[TargetView]:
        """Targets agreed at the most recent visit 1 that agreed any."""
        rows = session.execute(
            select(Target, Visit.academic_year).join(Visit, Target.visit_id == Visit.id)
            .where(Target.school_id == school_id, Target.agreed)
            .order_by(Visit.academic_year.desc(), Target.position)).all()
        if not rows:
            return []
        latest = rows[0][1]
        return [self._target_view(t) for t, year in rows if year == latest]

    @staticmethod
    def _target_view(t: Target) -> TargetView:
        """The target with its verdict, judged the one way every view of targets judges it."""
        if t.outcome is None or t.target is None:
            return TargetView(t.measure, t.pupil_group, t.baseline, t.target, t.unit, t.outcome)
        from linkadviser.data.config import default_rules
        from linkadviser.data.verdict import is_met, margin, margin_text

        rules = default_rules()
        measure = rules.measure_titled(t.measure)
        by = margin(measure.higher_is_better if measure else True, t.target, t.outcome)
        return TargetView(t.measure, t.pupil_group, t.baseline, t.target, t.unit, t.outcome,
                          is_met(by, rules.targets.met_within), margin_text(by, t.unit))

    def _history_item(self, visit: Visit) -> VisitHistoryItem:
        return VisitHistoryItem(
            visit.id, visit.academic_year, year_label(visit.academic_year), visit.visit_number,
            self.programme.visit(visit.visit_number).title, visit.state,
            STATE_LABELS[visit.state], visit.visit_date, visit.planned_date,
            visit.planned_time or "", visit.planned_place or "")

    def due(self) -> list[tuple[CaseloadRow, ScheduledVisit]]:
        """Every visit due this term or overdue, across the caseload."""
        return [(row, visit) for row, schedule in self._caseload() for visit in schedule
                if visit.status in ("due", "overdue")]
