"""What the register of schools (GIAS) says about a school, as the school page shows it.

The centre's GIAS import keeps each school's trust, headteacher, address, whether it is open
and since when or closed and when, what kind of school it is, and the school it replaced (an
academy conversion is a new URN). The centre's file carries all of it to the adviser. This
reads it back in the advisers' words, with the old and new schools of a conversion named
together: the other school's name comes from this store's schools, else from the last GIAS
extract this store read, else only its URN is known.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.data.gias_rules import category_of
from linkadviser.store.models import School
from linkadviser.store.models_gias import Establishment

ACADEMY_KINDS = ("Academy", "Free school")


def school_kind(school: School) -> str:
    """LA maintained, Academy or Free school: from GIAS's establishment group, else (a school
    entered by hand, or the demo's) from whether it is maintained and its type's words."""
    found = category_of(school.establishment_group, school.school_type)
    if found:
        return found
    if school.la_maintained:
        return "LA maintained"
    return "Free school" if "free school" in school.school_type.lower() else "Academy"


@dataclass(frozen=True)
class LinkedSchool:
    """The school a conversion replaced, or the one that replaced this school."""

    urn: int
    name: str = ""  # empty when this store knows only the URN
    kind: str = ""

    @property
    def text(self) -> str:
        return f"URN {self.urn}, {self.name}" if self.name else f"URN {self.urn}"


@dataclass(frozen=True)
class SchoolRegister:
    kind: str  # LA maintained, Academy, Free school
    trust: str = ""
    headteacher: str = ""
    address: str = ""
    closed_on: date | None = None
    closed: bool = False
    opened_on: date | None = None
    predecessor: LinkedSchool | None = None
    successors: tuple[LinkedSchool, ...] = ()

    @property
    def status_text(self) -> str:
        """'Open', 'Closed on 31 August 2024' (or 'Closed' when GIAS gave no date)."""
        if not self.closed:
            return "Open"
        return f"Closed on {self.closed_on:%d %B %Y}" if self.closed_on else "Closed"

    @property
    def kind_text(self) -> str:
        """'Academy (converted from URN 100001, Old School)', or the kind alone."""
        old = self.predecessor
        if old is None:
            return self.kind
        if self.kind in ACADEMY_KINDS and old.kind not in ACADEMY_KINDS:
            return f"{self.kind} (converted from {old.text})"
        return f"{self.kind} (replaced {old.text})"

    @property
    def successor_text(self) -> str:
        """'Became an academy: URN 140001, New Academy', or '' when nothing replaced it."""
        return "; ".join(
            (f"Became an academy: {new.text}"
             if new.kind in ACADEMY_KINDS and self.kind not in ACADEMY_KINDS
             else f"Replaced by {new.text}")
            for new in self.successors)


def register_of(session: Session, school: School) -> SchoolRegister:
    return SchoolRegister(
        kind=school_kind(school), trust=school.trust, headteacher=school.headteacher,
        address=school.address, closed=school.status == "closed",
        closed_on=school.close_date, opened_on=school.open_date,
        predecessor=(_linked(session, school.predecessor_urn)
                     if school.predecessor_urn else None),
        successors=_successors(session, school.urn))


def _linked(session: Session, urn: int) -> LinkedSchool:
    known = session.scalar(select(School).where(School.urn == urn))
    if known is not None:
        return LinkedSchool(urn, known.name, school_kind(known))
    listed = session.scalar(select(Establishment).where(Establishment.urn == urn))
    if listed is not None:
        return LinkedSchool(urn, listed.name,
                            category_of(listed.establishment_group, listed.school_type))
    return LinkedSchool(urn)


def _successors(session: Session, urn: int) -> tuple[LinkedSchool, ...]:
    found = {s.urn: LinkedSchool(s.urn, s.name, school_kind(s)) for s in session.scalars(
        select(School).where(School.predecessor_urn == urn))}
    for e in session.scalars(select(Establishment).where(Establishment.predecessor_urn == urn)):
        found.setdefault(e.urn, LinkedSchool(
            e.urn, e.name, category_of(e.establishment_group, e.school_type)))
    return tuple(found[u] for u in sorted(found))
