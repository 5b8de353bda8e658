"""An adviser without a centre builds their caseload: add schools by URN, take them out.

A school's details come from the last GIAS extract the adviser imported (see
``linkadviser.caseload.directory``), or from a name and phase given by hand when there is
none. Taking a school out keeps its visits and records; adding it again brings them back.
A store that gets its schools from a centre refuses both: the centre assigns caseloads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.authority.profile import SetupError, authority_of, name_given, note
from linkadviser.caseload.directory import directory_source, establishment
from linkadviser.data.gias import school_columns, school_id
from linkadviser.store.db import Store
from linkadviser.store.models import School

PHASES = ("Primary", "Secondary", "All-through", "Special", "Nursery", "16 plus")


@dataclass
class CaseloadChange:
    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Added to your caseload: {len(self.added)}", *(f"  {s}" for s in self.added)]
        if self.already:
            out.append(f"Already in your caseload: {', '.join(self.already)}")
        return out


def _refuse_if_centre(session: Session) -> None:
    authority = authority_of(session)
    if authority is not None and not authority.demo:
        raise SetupError(f"This store's caseload comes from the centre of {authority.name}; "
                         "ask the centre to assign or move the school. Nothing was changed.")


def phase_named(text: str) -> str:
    found = next((p for p in PHASES if p.lower() == text.strip().lower()), None)
    if found is None:
        raise SetupError(f"Phase {text!r} is not one of {', '.join(PHASES)}. Nothing was "
                         "changed.")
    return found


def add_schools(store: Store, urns: list[int], name: str | None = None,
                phase: str | None = None) -> CaseloadChange:
    """Add each URN to the caseload, all or nothing (see the module's doc)."""
    if not urns:
        raise SetupError("Give at least one URN. Nothing was changed.")
    if name is not None and len(urns) != 1:
        raise SetupError("--name names one school: give one URN with it. Nothing was changed.")
    bad = [u for u in urns if not 100000 <= u <= 9999999]
    if bad:
        raise SetupError(f"{bad[0]} is not a URN (six or seven digits). Nothing was changed.")
    change = CaseloadChange()
    with store.transaction() as session:
        _refuse_if_centre(session)
        for urn in dict.fromkeys(urns):
            _add_one(session, store.device_id, urn, name, phase, change)
    return change


def _add_one(session: Session, device: str, urn: int, name: str | None, phase: str | None,
             change: CaseloadChange) -> None:
    school = session.scalars(select(School).where(School.urn == urn)).first()
    if school is not None:
        if school.in_caseload:
            change.already.append(f"{urn} {school.name}")
            return
        school.in_caseload = True
        change.added.append(f"{urn} {school.name} (back, with its history)")
        note(session, device, "schools", school.id, "added to caseload", str(urn))
        return
    found = establishment(session, urn)
    if found is not None and found.status == "closed" and name is None:
        when = f" on {found.close_date:%d %B %Y}" if found.close_date else ""
        raise SetupError(f"{urn} {found.name} closed{when} (GIAS); add the school that "
                         "replaced it. Nothing was changed.")
    if name is not None:
        columns = {"urn": urn, "name": name_given(name, "the school's name"),
                   "phase": phase_named(phase or "")}
    elif found is not None:
        columns = school_columns(found)
    else:
        source = directory_source(session)
        held = (f"the last GIAS import ({source}) does not hold it" if source
                else "no GIAS extract has been imported")
        raise SetupError(f"URN {urn}: {held}. Import the GIAS extract of all establishments "
                         "(`linkadviser import edubasealldataYYYYMMDD.csv`), or give the "
                         "school's --name and --phase. Nothing was changed.")
    school = School(id=school_id(urn), in_caseload=True, **columns)
    session.add(school)
    session.flush()
    change.added.append(f"{urn} {school.name} ({school.phase})")
    note(session, device, "schools", school.id, "added to caseload", str(urn))


def remove_school(store: Store, urn: int) -> str:
    """Take a school out of the caseload; its visits and records stay in the store."""
    with store.transaction() as session:
        _refuse_if_centre(session)
        school = session.scalars(select(School).where(School.urn == urn)).first()
        if school is None or not school.in_caseload:
            raise SetupError(f"URN {urn} is not in your caseload (`linkadviser schools` lists "
                             "it). Nothing was changed.")
        school.in_caseload = False
        note(session, store.device_id, "schools", school.id, "taken out of caseload",
             str(urn))
        return (f"Took {urn} {school.name} out of your caseload; its visits and records stay "
                "(add it again to see them).")
