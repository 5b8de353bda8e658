"""Which Link Adviser a visit belongs to, so every record and document names them.

A visit begun in the app is the work of the adviser whose store this is (the centre names
them in its sync file). A store that has not been told (the demo, an adviser working alone)
and a visit recorded before visits carried their adviser fall back on the caseload assignment:
the adviser assigned to that school for that academic year.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.store.models import Adviser, CaseloadAssignment, Meta, Visit
from linkadviser.sync.marks import ADVISER_KEY


def store_adviser_id(session: Session) -> str | None:
    """This store's adviser, if the centre has named one that the store holds."""
    row = session.get(Meta, ADVISER_KEY)
    if row is None or not row.value or session.get(Adviser, row.value) is None:
        return None
    return row.value


def assigned_adviser_id(session: Session, school_id: str, academic_year: int) -> str | None:
    """The adviser assigned to the school for that academic year, if any."""
    return session.scalar(select(CaseloadAssignment.adviser_id).where(
        CaseloadAssignment.school_id == school_id,
        CaseloadAssignment.academic_year == academic_year))


def adviser_for_new_visit(session: Session, school_id: str, academic_year: int) -> str | None:
    """Who begins a visit in this store now: its adviser, else the school's assigned one."""
    return store_adviser_id(session) or assigned_adviser_id(session, school_id, academic_year)


def fill_in_adviser(session: Session, visit: Visit) -> None:
    """Give a visit that names no adviser the one assigned to it (else this store's own).

    Never on a signed visit: its record is frozen as signed.
    """
    if visit.adviser_id is not None or visit.state == "signed":
        return
    visit.adviser_id = (assigned_adviser_id(session, visit.school_id, visit.academic_year)
                        or store_adviser_id(session))


def adviser_name_of(session: Session | None, visit: Visit) -> str:
    """The adviser's name for the visit's documents, from the assignment when it names none.

    A signed visit keeps what it was signed with, so its live record matches the signed one.
    """
    if visit.adviser is not None:
        return visit.adviser.name
    if visit.state == "signed" or session is None:
        return ""
    adviser_id = assigned_adviser_id(session, visit.school_id, visit.academic_year)
    adviser = session.get(Adviser, adviser_id) if adviser_id else None
    return adviser.name if adviser else ""
