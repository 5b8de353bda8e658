"""The life of a visit: planned, prepared, in progress, ready to sign, signed, amending.

A visit becomes ready to sign only when every QA criterion of its visit type is met (the QA
functions and the quality criteria of each document it produces), and the refusal lists
which are not. Signing freezes the content as a ``SignedVersion`` with its fingerprint; an
amendment reopens the same visit (same identity), keeps every signed version, and is signed
again as the next version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.calendar import term_of
from linkadviser.errors import NotFoundError, QANotMetError, WorkflowError
from linkadviser.programme.model import Programme
from linkadviser.programme.registry import ProgrammeRegistry
from linkadviser.store.db import Store
from linkadviser.store.models import (
    AcademicYear,
    Amendment,
    School,
    Signature,
    SignedVersion,
    Visit,
)
from linkadviser.visit.adviser import adviser_for_new_visit, fill_in_adviser
from linkadviser.visit.content import VisitContent, canonical_json
from linkadviser.visit.editor import log_change
from linkadviser.visit.qa_rules import QAResult, missing_roles, qa_results
from linkadviser.visit.reading import content_of, load_visit

STATE_LABELS = {
    "planned": "Planned",
    "prepared": "Prepared",
    "in_progress": "In progress",
    "ready_to_sign": "Ready to sign",
    "signed": "Signed",
    "amending": "Being amended",
}

TRANSITIONS: dict[str, set[str]] = {
    "planned": {"prepared", "in_progress"},
    "prepared": {"planned", "in_progress"},
    "in_progress": {"ready_to_sign"},
    "ready_to_sign": {"in_progress", "signed"},
    "signed": {"amending"},
    "amending": {"ready_to_sign"},
}

ADVISER_ROLE = "Link Adviser"
SCHOOL_SIGNER_ROLES = ("Headteacher", "Chair of governors")
# Who signs when the programme does not say (programme versions before it could).
DEFAULT_SIGNERS = (ADVISER_ROLE, " or ".join(SCHOOL_SIGNER_ROLES))


@dataclass(frozen=True)
class SignatureInput:
    role: str
    name: str
    signed_on: date
    image_png: bytes = b""


class Workflow:
    def __init__(self, store: Store, programme: Programme,
                 today: Callable[[], date] = date.today,
                 programmes: ProgrammeRegistry | None = None) -> None:
        self.store = store
        self.programme = programme
        self.today = today
        self.programmes = programmes

    def current_year(self) -> int:
        return term_of(self.today(), self.programme.terms).academic_year

    def programme_of(self, visit: Visit) -> Programme:
        """The programme version the visit was begun under (today's without a registry)."""
        if self.programmes is None:
            return self.programme
        return self.programmes.get(visit.programme_id, visit.programme_version)

    def ensure_visit(self, school_id: str, number: int, academic_year: int | None = None) -> str:
        """The id of the school's visit ``number`` in the year (this year by default),
        creating it as planned under the current programme for the school's phase if it
        does not exist yet."""
        self.programme.visit(number)  # a KeyError here is a programming error
        year = academic_year if academic_year is not None else self.current_year()
        with self.store.transaction() as session:
            existing = session.scalar(select(Visit.id).where(
                Visit.school_id == school_id, Visit.academic_year == year,
                Visit.visit_number == number))
            if existing:
                return existing
            school = session.get(School, school_id)
            if school is None:
                raise NotFoundError("That school is no longer in this store.")
            programme = self.programme if self.programmes is None else \
                self.programmes.for_phase(school.phase)
            if session.get(AcademicYear, year) is None:
                session.add(AcademicYear(start_year=year))
            visit = Visit(school_id=school_id, academic_year=year, visit_number=number,
                          programme_id=programme.id, programme_version=programme.version,
                          adviser_id=adviser_for_new_visit(session, school_id, year))
            session.add(visit)
            session.flush()
            log_change(session, "visit", visit.id, "created", {"number": number, "year": year})
            return visit.id

    def start_next(self, school_id: str, number: int) -> str:
        """Create (if need be) and start the visit; an already started one is just returned."""
        visit_id = self.ensure_visit(school_id, number)
        with self.store.session() as session:
            state = session.get(Visit, visit_id).state
        if state in ("planned", "prepared"):
            self.start(visit_id)
        return visit_id

    def qa_status(self, visit_id: str) -> list[QAResult]:
        """Every QA criterion that applies to the visit, met or not, in programme order."""
        with self.store.session() as session:
            visit = load_visit(session, visit_id)
            content, programme = content_of(visit), self.programme_of(visit)
        return qa_results(programme, content)

    def signers(self, visit_id: str) -> list[str]:
        """Who must sign the visit's document, as the programme says ("A or B" for either)."""
        with self.store.session() as session:
            visit = load_visit(session, visit_id)
            definition = self.programme_of(visit).visit(visit.visit_number)
        wanted = definition.signers_of(definition.documents[0]) if definition.documents else []
        return list(wanted or DEFAULT_SIGNERS)

    def unmet(self, visit_id: str) -> list[QAResult]:
        return [r for r in self.qa_status(visit_id) if not r.met]

    def _transition(self, session: Session, visit: Visit, to_state: str,
                    detail: dict | None = None) -> None:
        if to_state not in TRANSITIONS.get(visit.state, set()):
            raise WorkflowError(
                f"Visit {visit.visit_number} to {visit.school.name} is "
                f"{STATE_LABELS[visit.state].lower()}; it cannot become "
                f"{STATE_LABELS[to_state].lower()} from there."
            )
        fill_in_adviser(session, visit)  # before signing freezes the record
        visit.state = to_state
        if to_state == "in_progress" and visit.visit_date is None:
            visit.visit_date = self.today()
        log_change(session, "visit", visit.id, "state", {"to": to_state, **(detail or {})})

    def _move(self, visit_id: str, to_state: str) -> None:
        with self.store.transaction() as session:
            self._transition(session, load_visit(session, visit_id), to_state)

    def prepare(self, visit_id: str) -> None:
        self._move(visit_id, "prepared")

    def start(self, visit_id: str) -> None:
        self._move(visit_id, "in_progress")

    def back_to_planned(self, visit_id: str) -> None:
        """Undo starting a visit by mistake: back to planned, with no visit date.

        Refused once anything is recorded in it (what was prepared beforehand, questions and
        documents requested, does not count), so nothing recorded is ever dropped.
        """
        with self.store.transaction() as session:
            visit = load_visit(session, visit_id)
            _refuse_unless(visit, "in_progress",
                           "only a visit in progress can go back to planned.")
            recorded = recorded_parts(content_of(visit))
            if recorded:
                raise WorkflowError(
                    f"Visit {visit.visit_number} to {visit.school.name} cannot go back to "
                    f"planned: it already records {', '.join(recorded)}. Carry on with the "
                    "visit, or remove those first.")
            visit.state = "planned"
            visit.visit_date = None
            log_change(session, "visit", visit.id, "state",
                       {"to": "planned", "reason": "started by mistake"})

    def reopen(self, visit_id: str) -> None:
        """Back from ready to sign to in progress, e.g. when governors ask for a change."""
        with self.store.transaction() as session:
            visit = load_visit(session, visit_id)
            _refuse_unless(visit, "ready_to_sign", "it cannot become in progress from there "
                           "(only a visit that is ready to sign is reopened).")
            self._transition(session, visit, "in_progress")

    def mark_ready(self, visit_id: str) -> None:
        unmet = self.unmet(visit_id)
        if unmet:
            lines = "; ".join(f"{r.text} ({r.detail})" for r in unmet)
            raise QANotMetError(f"Not ready to sign: {len(unmet)} QA criteria unmet: {lines}",
                                unmet)
        self._move(visit_id, "ready_to_sign")

    def sign(self, visit_id: str, signatures: list[SignatureInput]) -> str:
        """Sign the visit's document; returns the fingerprint of the signed content."""
        missing = missing_roles(self.signers(visit_id),
                                [s.role for s in signatures if s.name.strip()])
        if missing:
            raise WorkflowError(
                "Signing needs a signature with a printed name from each of: "
                + "; ".join(self.signers(visit_id)) + f". Still to sign: {'; '.join(missing)}.")
        unmet = self.unmet(visit_id)
        if unmet:
            raise QANotMetError(
                "Cannot sign: QA criteria are no longer met: "
                + "; ".join(r.text for r in unmet), unmet)
        with self.store.transaction() as session:
            visit = load_visit(session, visit_id)
            self._transition(session, visit, "signed")
            version = visit.signed_version + 1
            visit.signed_version = version
            for s in signatures:
                visit.signatures.append(Signature(
                    version=version, role=s.role, name=s.name.strip(), signed_on=s.signed_on,
                    image_png=s.image_png))
            session.flush()
            content = content_of(visit)
            fingerprint = content.fingerprint()
            session.add(SignedVersion(visit_id=visit_id, version=version,
                                      content_json=canonical_json(content.canonical()),
                                      fingerprint=fingerprint))
            log_change(session, "visit", visit_id, "signed",
                       {"version": version, "fingerprint": fingerprint})
            return fingerprint

    def amend(self, visit_id: str, reason: str) -> None:
        """Open a signed visit for a recorded change; the signed version stays as it was."""
        if not reason.strip():
            raise WorkflowError("Say why the signed record is being amended; "
                                "the reason is kept with the record.")
        with self.store.transaction() as session:
            visit = load_visit(session, visit_id)
            if visit.state != "signed":
                raise WorkflowError("Only a signed visit can be amended; "
                                    "edit this one directly.")
            session.add(Amendment(visit_id=visit_id, amends_version=visit.signed_version,
                                  reason=reason.strip()))
            self._transition(session, visit, "amending", {"reason": reason.strip()})


def _refuse_unless(visit: Visit, state: str, why: str) -> None:
    """'Visit 2 to X is signed; ``why``' unless the visit is in ``state``."""
    if visit.state != state:
        raise WorkflowError(f"Visit {visit.visit_number} to {visit.school.name} is "
                            f"{STATE_LABELS[visit.state].lower()}; {why}")


def recorded_parts(content: VisitContent) -> list[str]:
    """What the visit records beyond its preparation, in words ("attendees (2)", ...).

    Questions prepared beforehand, targets proposed from the data and documents requested
    from the school are preparation; an answer, an agreed target or anything else is not.
    """
    counts = {
        "attendees": len(content.attendees),
        "agenda notes": len(content.agenda_notes),
        "checklist ticks": sum(1 for c in content.checklist.values()
                               if c.ticked or c.evidence.strip()),
        "written sections": len(content.section_texts),
        "statements": sum(len(items) for items in content.statements.values()),
        "answered questions": sum(1 for q in content.questions if q.answer.strip()),
        "agreed targets": sum(1 for t in content.targets if t.agreed),
        "SEF grades": sum(1 for g in content.sef_grades.values()
                          if g.school_grade is not None or g.agreed_grade is not None
                          or g.comment.strip()),
        "objectives": len(content.objectives),
        "action points": len(content.action_points),
        "QA confirmations": len(content.qa_confirmed),
        "signatures": len(content.signatures),
    }
    return [f"{what} ({count})" for what, count in counts.items() if count]
