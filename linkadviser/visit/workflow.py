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
from linkadviser.visit.content import canonical_json
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

    def ensure_visit(self, school_id: str, number: int, academic_year: int | None = None) -> str:
        """The id of the school's visit ``number`` in the year (this year by default),
        creating it as planned under the current programme for the school's phase if it
        does not exist yet."""
        self.programme.visit(number)  # a KeyError here is a programming error
        year = academic_year if academic_year is not None else \
            term_of(self.today(), self.programme.terms).academic_year
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
                          programme_id=programme.id, programme_version=programme.version)
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

    def _programme_of(self, programme_id: str, version: str) -> Programme:
        return self.programme if self.programmes is None else \
            self.programmes.get(programme_id, version)

    def qa_status(self, visit_id: str) -> list[QAResult]:
        """Every QA criterion that applies to the visit, met or not, in programme order."""
        with self.store.session() as session:
            content = content_of(load_visit(session, visit_id))
        return qa_results(self._programme_of(content.programme_id, content.programme_version),
                          content)

    def signers(self, visit_id: str) -> list[str]:
        """Who must sign the visit's document, as the programme says ("A or B" for either)."""
        with self.store.session() as session:
            visit = load_visit(session, visit_id)
            number, programme_id, version = (visit.visit_number, visit.programme_id,
                                             visit.programme_version)
        definition = self._programme_of(programme_id, version).visit(number)
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

    def reopen(self, visit_id: str) -> None:
        """Back from ready to sign to in progress, e.g. when governors ask for a change."""
        with self.store.transaction() as session:
            visit = load_visit(session, visit_id)
            if visit.state != "ready_to_sign":
                raise WorkflowError(
                    f"Visit {visit.visit_number} to {visit.school.name} is "
                    f"{STATE_LABELS[visit.state].lower()}; it cannot become in progress "
                    "from there (only a visit that is ready to sign is reopened).")
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
