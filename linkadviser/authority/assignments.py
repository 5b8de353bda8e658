"""Caseload assignments: which adviser is the Link Adviser for which school, per year.

From the command line by URN, or from the sheet authorities keep today (CSV or Excel, a URN
column and an adviser email column). Every row is checked before anything is written: an
unknown or retired adviser, a URN the store does not hold or a closed school refuses the
whole sheet. Reassigning a school records who held it, so the former adviser's next file
still carries it and their laptop learns it has moved; the new adviser's next file carries
the school with all its history (``linkadviser.sync.export``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.authority.advisers import adviser_by_email
from linkadviser.authority.profile import SetupError, note
from linkadviser.caseload.directory import establishment
from linkadviser.data.errors import DataImportError
from linkadviser.data.reading import read_header, read_rows
from linkadviser.data.years import label
from linkadviser.store.db import Store
from linkadviser.store.models import AcademicYear, Adviser, CaseloadAssignment, School

MAX_SHEET_ROWS = 20_000
URN_COLUMNS = {"URN", "urn", "Urn"}


@dataclass
class AssignReport:
    year: int
    added: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    unchanged: int = 0

    def lines(self) -> list[str]:
        return [f"Caseloads for {label(self.year)}: {len(self.added)} assigned, "
                f"{len(self.moved)} moved, {self.unchanged} already so",
                *(f"  {line}" for line in self.added + self.moved)]


def assign(store: Store, pairs: Iterable[tuple[int, str]], year: int,
           where: str = "") -> AssignReport:
    """Assign each (URN, adviser email) for ``year``, all or nothing."""
    pairs = list(pairs)
    if not pairs:
        raise SetupError(f"{where or 'Nothing'}: no school to assign. Nothing was changed.")
    report = AssignReport(year)
    with store.transaction() as session:
        schools = {s.urn: s for s in session.scalars(
            select(School).where(School.urn.in_({u for u, _ in pairs})))}
        checked = [(_school(session, schools, urn, where), _adviser(session, email, where))
                   for urn, email in pairs]
        if session.get(AcademicYear, year) is None:
            session.add(AcademicYear(start_year=year))
            session.flush()
        held = {a.school_id: a for a in session.scalars(select(CaseloadAssignment).where(
            CaseloadAssignment.academic_year == year,
            CaseloadAssignment.school_id.in_([s.id for s, _ in checked])))}
        for school, adviser in checked:
            _assign_one(session, store.device_id, school, adviser, held, year, report)
    return report


def _closed(urn: int, name: str, on: date | None, at: str) -> SetupError:
    when = f" on {on:%d %B %Y}" if on else ""
    return SetupError(f"{at}{urn} {name} closed{when}; assign the school that replaced it "
                      "instead. Nothing was changed.")


def _school(session: Session, schools: dict[int, School], urn: int, where: str) -> School:
    school = schools.get(urn)
    at = f"{where}: " if where else ""
    if school is None:
        known = establishment(session, urn)  # a school GIAS lists but the store did not load
        if known is not None and known.status == "closed":
            raise _closed(urn, known.name, known.close_date, at)
        raise SetupError(f"{at}URN {urn} is not one of the authority's schools in the central "
                         "store; load the GIAS extract first (`linkadviser central schools "
                         "import`). Nothing was changed.")
    if school.status == "closed":
        raise _closed(urn, school.name, school.close_date, at)
    return school


def _adviser(session: Session, email: str, where: str) -> Adviser:
    adviser = adviser_by_email(session, email)
    at = f"{where}: " if where else ""
    if adviser is None:
        raise SetupError(f"{at}there is no adviser {email!r}; enrol them with `linkadviser "
                         "central advisers add NAME --email E`. Nothing was changed.")
    if adviser.retired_on is not None:
        raise SetupError(f"{at}{adviser.name} <{adviser.email}> retired on "
                         f"{adviser.retired_on:%d %B %Y} and takes no schools. Nothing was "
                         "changed.")
    return adviser


def _assign_one(session: Session, device: str, school: School, adviser: Adviser,
                held: dict[str, CaseloadAssignment], year: int, report: AssignReport) -> None:
    current = held.get(school.id)
    who = f"{school.urn} {school.name}"
    if current is None:
        current = CaseloadAssignment(school_id=school.id, adviser_id=adviser.id,
                                     academic_year=year)
        session.add(current)
        held[school.id] = current
        session.flush()
        report.added.append(f"{who} -> {adviser.name}")
        note(session, device, "caseload_assignments", current.id, "assigned", adviser.email)
        return
    if current.adviser_id == adviser.id:
        report.unchanged += 1
        return
    former = session.get(Adviser, current.adviser_id)
    current.previous_adviser_id, current.adviser_id = current.adviser_id, adviser.id
    report.moved.append(f"{who}: {former.name if former else 'unknown'} -> {adviser.name}")
    note(session, device, "caseload_assignments", current.id, "reassigned",
         f"{former.email if former else ''} -> {adviser.email}")


def read_sheet(path: Path) -> list[tuple[int, str]]:
    """(URN, adviser email) from the authority's sheet: a URN column and an email column."""
    header = read_header(path, URN_COLUMNS)
    urn_column = next((c for c in header.columns if c in URN_COLUMNS), None)
    email_column = next((c for c in header.columns if "email" in c.lower()), None)
    if urn_column is None or email_column is None:
        raise SetupError(f"{path.name}: the sheet needs a URN column and an adviser email "
                         f"column (its header is: {', '.join(header.columns[:8])}). Nothing "
                         "was changed.")
    try:
        frame = read_rows(header, {urn_column, email_column}, {urn_column, email_column})
    except DataImportError as exc:
        raise SetupError(str(exc)) from exc
    if len(frame) > MAX_SHEET_ROWS:
        raise SetupError(f"{path.name}: {len(frame):,} rows is more schools than any "
                         f"authority has ({MAX_SHEET_ROWS:,}). Nothing was changed.")
    pairs = []
    for number, (urn, email) in enumerate(zip(frame[urn_column], frame[email_column],
                                              strict=True), start=header.header_row + 1):
        text = str(urn).strip() if urn is not None else ""
        if text in ("", "nan", "None"):
            continue
        if not text.isdigit():
            raise SetupError(f"{path.name}, row {number}: URN {text!r} is not a number. "
                             "Nothing was changed.")
        if email is None or str(email).strip() in ("", "nan"):
            raise SetupError(f"{path.name}, row {number}: URN {text} has no adviser email. "
                             "Nothing was changed.")
        pairs.append((int(text), str(email).strip()))
    return pairs
