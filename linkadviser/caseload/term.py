"""The term ahead: the adviser's booked visits week by week, the ones still to book, and what
falls due before each (the school's documents, the adviser's preparation).

Everything is worked out from the bookings, the programme and today's date, for the schools in
the caseload; the same plan feeds the term screen, ``visits --term``, the caseload's "this
week" and the calendar export.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.calendar import TERM_ORDER, TermOfYear, booking_text, term_of, term_start
from linkadviser.programme.model import Programme
from linkadviser.programme.registry import ProgrammeService
from linkadviser.store.models import DocumentRequest, Question, School, Visit
from linkadviser.visit.deadlines import Deadline, Requested, visit_deadlines
from linkadviser.visit.workflow import STATE_LABELS

# Deadlines fall before their visit: a visit this long after the term can still put one in it.
LOOK_AHEAD = timedelta(days=60)
DONE_STATES = ("signed",)
NOT_BEGUN = ("planned", "prepared")


@dataclass(frozen=True)
class PlannedVisit:
    """One of the programme's visits to a caseload school, booked or not."""

    school_id: str
    urn: int
    school_name: str
    academic_year: int
    number: int
    title: str
    term: str
    visit_id: str | None = None
    state: str = ""  # the workflow state; "" for a visit not yet in the store
    booked_on: date | None = None
    booked_time: str = ""  # "HH:MM", the adviser's local time
    place: str = ""
    modified_at: datetime | None = None
    programme: tuple[str, str] = ("", "")  # the programme id and version it was begun under

    @property
    def label(self) -> str:
        return f"Visit {self.number}: {self.title}"

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state] if self.state else "Not started"

    @property
    def when(self) -> str:
        return booking_text(self.booked_on, self.booked_time, self.place) or "Not booked"


@dataclass(frozen=True)
class DueItem:
    """A deadline of one booked visit."""

    deadline: Deadline
    visit: PlannedVisit

    def overdue(self, today: date) -> bool:
        return not self.deadline.done and self.deadline.due < today

    @property
    def text(self) -> str:
        return f"{self.deadline.what} ({self.visit.school_name}, {self.visit.label})"


@dataclass
class Week:
    starts: date  # the Monday
    visits: list[PlannedVisit] = field(default_factory=list)
    due: list[DueItem] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"Week of {self.starts:%a %d %b %Y}"


@dataclass
class TermPlan:
    term: TermOfYear
    first: date
    last: date
    weeks: list[Week]
    unbooked: list[PlannedVisit]

    @property
    def booked(self) -> int:
        return sum(len(w.visits) for w in self.weeks)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def term_bounds(term: TermOfYear, programme: Programme) -> tuple[date, date]:
    """The first and last day of the term (a term runs until the next one starts)."""
    first = term_start(term.academic_year, term.term, programme.terms)
    if term.term == TERM_ORDER[-1]:
        after = term_start(term.academic_year + 1, TERM_ORDER[0], programme.terms)
    else:
        after = term_start(term.academic_year, TERM_ORDER[term.index + 1], programme.terms)
    return first, after - timedelta(days=1)


class TermAhead(ProgrammeService):
    """The term's plan for the caseload (``ProgrammeService``: store, programme, today)."""

    # -- what the screens ask ----------------------------------------------------------------
    def plan(self, term: TermOfYear | None = None) -> TermPlan:
        """The term's weeks (only those with something in them) and its visits to book."""
        now = term_of(self.today(), self.programme.terms)
        term = term or now
        first, last = term_bounds(term, self.programme)
        with self.store.session() as session:
            year = self._visits(session, Visit.academic_year == term.academic_year)
            booked = [v for v in self._visits(session, Visit.planned_date.between(
                first, last + LOOK_AHEAD)) if v.state not in DONE_STATES or v.booked_on <= last]
            due = self._due(session, booked)
        weeks: dict[date, Week] = {}
        for visit in booked:
            if first <= visit.booked_on <= last:
                self._week(weeks, visit.booked_on).visits.append(visit)
        for item in due:
            if first <= item.deadline.due <= last:
                self._week(weeks, item.deadline.due).due.append(item)
        for week in weeks.values():
            week.visits.sort(key=lambda v: (v.booked_on, v.booked_time, v.school_name))
            week.due.sort(key=lambda d: (d.deadline.due, d.visit.school_name))
        return TermPlan(term, first, last, [weeks[k] for k in sorted(weeks)],
                        self._unbooked(year, term, term == now))

    def this_week(self) -> Week:
        """Visits booked this week, what falls due this week, and what is overdue before a
        visit still to come (the caseload's "due this week")."""
        today = self.today()
        week = Week(monday_of(today))
        end = week.starts + timedelta(days=6)
        with self.store.session() as session:
            coming = self._visits(session, Visit.planned_date.between(
                week.starts, today + LOOK_AHEAD))
            coming = [v for v in coming if v.state not in DONE_STATES]
            due = self._due(session, [v for v in coming if v.booked_on >= today])
        week.visits = sorted((v for v in coming if v.booked_on <= end),
                             key=lambda v: (v.booked_on, v.booked_time, v.school_name))
        week.due = sorted((d for d in due if not d.deadline.done and d.deadline.due <= end),
                          key=lambda d: (d.deadline.due, d.visit.school_name))
        return week

    def booked_since(self, since: date) -> list[PlannedVisit]:
        """Every caseload visit booked on or after ``since`` (for the calendar export)."""
        with self.store.session() as session:
            found = self._visits(session, Visit.planned_date >= since)
        return sorted(found, key=lambda v: (v.booked_on, v.booked_time, v.school_name))

    # -- reading ------------------------------------------------------------------------------
    def _visits(self, session: Session, condition: object) -> list[PlannedVisit]:
        rows = session.execute(
            select(Visit.id, Visit.school_id, School.urn, School.name, Visit.academic_year,
                   Visit.visit_number, Visit.state, Visit.planned_date, Visit.planned_time,
                   Visit.planned_place, Visit.modified_at, Visit.programme_id,
                   Visit.programme_version)
            .join(School, School.id == Visit.school_id)
            .where(School.in_caseload, condition)).all()
        found = []
        for r in rows:
            definition = self.programmes(r.programme_id, r.programme_version).visit(
                r.visit_number)
            found.append(PlannedVisit(
                r.school_id, r.urn, r.name, r.academic_year, r.visit_number, definition.title,
                definition.term, r.id, r.state, r.planned_date, r.planned_time or "",
                r.planned_place or "", r.modified_at, (r.programme_id, r.programme_version)))
        return found

    def _due(self, session: Session, visits: list[PlannedVisit]) -> list[DueItem]:
        """The deadlines of the booked ``visits`` not yet begun (a visit held has met or
        missed them), from two queries whatever their number."""
        visits = [v for v in visits if v.booked_on and v.visit_id and v.state in NOT_BEGUN]
        ids = [v.visit_id for v in visits]
        requested: dict[str, list[Requested]] = defaultdict(list)
        with_questions: set[str] = set()
        for chunk in _chunks(ids):
            for visit_id, title, received in session.execute(
                    select(DocumentRequest.visit_id, DocumentRequest.title,
                           DocumentRequest.received).where(DocumentRequest.visit_id.in_(chunk))):
                requested[visit_id].append(Requested(title, received))
            with_questions.update(session.scalars(
                select(Question.visit_id).where(Question.visit_id.in_(chunk)).distinct()))
        items = []
        for visit in visits:
            definition = self.programmes(*visit.programme).visit(visit.number)
            items += [DueItem(d, visit) for d in visit_deadlines(
                definition, visit.booked_on, visit.state, visit.visit_id in with_questions,
                requested[visit.visit_id])]
        return items

    def _unbooked(self, year: list[PlannedVisit], term: TermOfYear,
                  current: bool) -> list[PlannedVisit]:
        """This term's visits not booked or done yet; for the current term also the earlier
        terms' visits still outstanding (overdue)."""
        have = {(v.school_id, v.number): v for v in year}
        with self.store.session() as session:
            schools = session.execute(select(School.id, School.urn, School.name)
                                      .where(School.in_caseload).order_by(School.name)).all()
        wanted = [d for d in self.programme.visits
                  if d.term == term.term or (current and TERM_ORDER.index(d.term) < term.index)]
        found = []
        for school in schools:
            for definition in wanted:
                visit = have.get((school.id, definition.number))
                if visit is not None and (visit.booked_on or visit.state not in NOT_BEGUN):
                    continue
                found.append(visit or PlannedVisit(
                    school.id, school.urn, school.name, term.academic_year,
                    definition.number, definition.title, definition.term))
        return found

    @staticmethod
    def _week(weeks: dict[date, Week], day: date) -> Week:
        start = monday_of(day)
        if start not in weeks:
            weeks[start] = Week(start)
        return weeks[start]


def _chunks(ids: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def term_title(plan: TermPlan) -> str:
    return (f"{plan.term.label}: {plan.first:%d %b} to {plan.last:%d %b %Y} · "
            f"{plan.booked} visits booked, {len(plan.unbooked)} to book")

