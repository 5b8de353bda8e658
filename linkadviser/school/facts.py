"""The school's headteacher (and since when), chair of governors and nominated governors.

The centre's school record may carry a headteacher and chair (from GIAS); what the adviser
records here takes their place, and the start date is known only from here. The risk rules
read the start date ("new headteacher"), the visit's attendees and signers are suggested
from the names, and everything travels with sync as ``school_people`` records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.errors import LinkAdviserError, NotFoundError
from linkadviser.school.register import SchoolRegister, register_of
from linkadviser.store.db import Store
from linkadviser.store.models import School
from linkadviser.store.models_school import CHAIR, HEADTEACHER, NOMINATED_GOVERNOR, SchoolPerson
from linkadviser.visit.editor import log_change

MAX_NAME = 200
MAX_NOMINATED = 12
EARLIEST_START = date(1950, 1, 1)


class SchoolFactsError(LinkAdviserError):
    """A school fact that cannot be kept (a name too long, a start date in the future...)."""


@dataclass(frozen=True)
class Leadership:
    """Who leads and governs the school, as far as this store knows."""

    headteacher: str = ""
    headteacher_since: date | None = None
    chair: str = ""
    nominated_governors: list[str] = field(default_factory=list)


def _clean(name: str, what: str) -> str:
    text = " ".join(name.split())
    if len(text) > MAX_NAME:
        raise SchoolFactsError(f"The {what}'s name is {len(text)} characters long; keep it "
                               f"under {MAX_NAME}. Nothing was changed.")
    if any(ord(ch) < 32 for ch in text):
        raise SchoolFactsError(f"The {what}'s name contains control characters. "
                               "Nothing was changed.")
    return text


def leadership_of(session: Session, school: School) -> Leadership:
    people = session.scalars(select(SchoolPerson).where(SchoolPerson.school_id == school.id)
                             .order_by(SchoolPerson.position)).all()
    return _leadership(school, people)


def _leadership(school: School, people: list[SchoolPerson]) -> Leadership:
    head = next((p for p in people if p.role == HEADTEACHER), None)
    chair = next((p for p in people if p.role == CHAIR), None)
    return Leadership(
        headteacher=head.name if head else school.headteacher,
        headteacher_since=head.since if head else None,
        chair=chair.name if chair else school.chair_of_governors,
        nominated_governors=[p.name for p in people if p.role == NOMINATED_GOVERNOR])


def headteacher_start_dates(session: Session) -> dict[str, date]:
    """Each school's headteacher start date, where the adviser has recorded one."""
    rows = session.execute(select(SchoolPerson.school_id, SchoolPerson.since).where(
        SchoolPerson.role == HEADTEACHER, SchoolPerson.since.is_not(None)))
    return {school_id: since for school_id, since in rows}


class SchoolFacts:
    """Reading and keeping one school's leaders and governors. No Qt here."""

    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.today = today

    def get(self, school_id: str) -> Leadership:
        with self.store.session() as session:
            return leadership_of(session, self._school(session, school_id))

    def register(self, school_id: str) -> SchoolRegister:
        """What GIAS says of the school: kind, trust, address, open or closed, conversion."""
        with self.store.session() as session:
            return register_of(session, self._school(session, school_id))

    def set(self, school_id: str, leadership: Leadership) -> Leadership:
        """Keep the school's leadership as given, all or nothing; returns what was kept."""
        kept = self._checked(leadership)
        with self.store.transaction() as session:
            school = self._school(session, school_id)
            people = {p.role: p for p in session.scalars(select(SchoolPerson).where(
                SchoolPerson.school_id == school_id, SchoolPerson.role != NOMINATED_GOVERNOR))}
            self._keep_one(session, school_id, people.get(HEADTEACHER), HEADTEACHER,
                           kept.headteacher, kept.headteacher_since)
            self._keep_one(session, school_id, people.get(CHAIR), CHAIR, kept.chair, None)
            self._keep_nominated(session, school_id, kept.nominated_governors)
            session.flush()
            log_change(session, "school", school_id, "leadership", {
                "headteacher": kept.headteacher, "since": kept.headteacher_since,
                "chair": kept.chair, "nominated_governors": kept.nominated_governors})
            return leadership_of(session, school)

    def _checked(self, given: Leadership) -> Leadership:
        nominated = [n for n in (_clean(x, "nominated governor")
                                 for x in given.nominated_governors) if n]
        if len(nominated) > MAX_NOMINATED:
            raise SchoolFactsError(f"{len(nominated)} nominated governors given; a governing "
                                   f"body nominates a few (at most {MAX_NOMINATED} are kept). "
                                   "Nothing was changed.")
        if len(set(nominated)) != len(nominated):
            raise SchoolFactsError("A nominated governor is named twice. Nothing was changed.")
        since = given.headteacher_since
        if since is not None and not EARLIEST_START <= since <= self.today():
            raise SchoolFactsError(f"The headteacher's start date {since:%d %B %Y} is "
                                   f"{'in the future' if since > self.today() else 'too early'}"
                                   "; give the date they started in post. Nothing was changed.")
        head = _clean(given.headteacher, "headteacher")
        if since is not None and not head:
            raise SchoolFactsError("A start date needs the headteacher's name. "
                                   "Nothing was changed.")
        return Leadership(head, since, _clean(given.chair, "chair of governors"), nominated)

    @staticmethod
    def _school(session: Session, school_id: str) -> School:
        school = session.get(School, school_id)
        if school is None:
            raise NotFoundError("That school is no longer in this store.")
        return school

    @staticmethod
    def _keep_one(session: Session, school_id: str, person: SchoolPerson | None, role: str,
                  name: str, since: date | None) -> None:
        """One record per role, changed in place (so sync merges it as one record)."""
        if person is None:
            if name:
                session.add(SchoolPerson(school_id=school_id, role=role, name=name, since=since))
        elif not name:
            session.delete(person)
        elif (person.name, person.since) != (name, since):
            person.name, person.since = name, since

    @staticmethod
    def _keep_nominated(session: Session, school_id: str, names: list[str]) -> None:
        existing = session.scalars(select(SchoolPerson).where(
            SchoolPerson.school_id == school_id, SchoolPerson.role == NOMINATED_GOVERNOR)).all()
        by_name = {p.name: p for p in existing}
        for person in existing:
            if person.name not in names:
                session.delete(person)  # one by one, so each leaves a tombstone for sync
        for position, name in enumerate(names):
            person = by_name.get(name)
            if person is None:
                session.add(SchoolPerson(school_id=school_id, role=NOMINATED_GOVERNOR,
                                         name=name, position=position))
            elif person.position != position:
                person.position = position
