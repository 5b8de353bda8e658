"""The centre's setup as one object, for the app's Centre screen (the CLI calls the same).

The school improvement team does not use a terminal: the screen opens the central store and
works through this, step by step (authority, schools, advisers, caseloads, advisers' files).
Every method is one of the services the commands use, so both say and refuse the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from linkadviser.authority import advisers, assignments, schools
from linkadviser.authority.central import (
    AdviserFile,
    central_url,
    export_for_advisers,
    open_central,
)
from linkadviser.authority.profile import AuthorityInfo, init_centre, read_authority
from linkadviser.calendar import term_of
from linkadviser.data.gias import category_of
from linkadviser.store.db import Store
from linkadviser.store.models import Adviser, CaseloadAssignment, School


@dataclass(frozen=True)
class CentreSchool:
    """One of the authority's schools as the caseload screen lists it."""

    urn: int
    name: str
    phase: str
    kind: str  # LA maintained, Academy, Free school (from GIAS)
    open: bool
    adviser: str  # this year's Link Adviser, or ""


class Centre:
    def __init__(self, store: Store, today: Callable[[], date] = date.today,
                 where: str = "") -> None:
        self.store = store
        self.today = today
        self.where = where  # the store's address as it may be shown (never a password)

    @classmethod
    def open(cls, given: str | None) -> Centre:
        """The central store at ``given`` (a path or postgresql:// URL; default: the data
        folder's central.sqlite3), as ``--db`` takes it."""
        from linkadviser.store.urls import safe_url

        url = central_url(given)
        return cls(open_central(given), where=safe_url(url))

    def close(self) -> None:
        self.store.close()

    def current_year(self) -> int:
        from linkadviser.sync.programme_source import current_programme

        return term_of(self.today(), current_programme(self.store).terms).academic_year

    def authority(self) -> AuthorityInfo | None:
        return read_authority(self.store)

    def set_up(self, name: str, codes: list[str]) -> AuthorityInfo:
        return init_centre(self.store, name, codes)

    def load_schools(self, path: Path) -> schools.SchoolsReport:
        return schools.import_schools(self.store, path)

    def schools(self, year: int) -> list[CentreSchool]:
        with self.store.session() as session:
            held = {school: name for school, name in session.execute(
                select(CaseloadAssignment.school_id, Adviser.name)
                .join(Adviser, Adviser.id == CaseloadAssignment.adviser_id)
                .where(CaseloadAssignment.academic_year == year))}
            return [CentreSchool(s.urn, s.name, s.phase,
                                 category_of(s.establishment_group, s.school_type),
                                 s.status != "closed", held.get(s.id, ""))
                    for s in session.scalars(select(School).order_by(School.name))]

    def advisers(self, year: int) -> list[advisers.AdviserRow]:
        return advisers.list_advisers(self.store, year)

    def add_adviser(self, name: str, email: str) -> advisers.AdviserRow:
        return advisers.add_adviser(self.store, name, email)

    def retire(self, email: str, year: int) -> advisers.Retired:
        return advisers.retire_adviser(self.store, email, self.today(), year)

    def assign(self, urns: list[int], email: str, year: int) -> assignments.AssignReport:
        return assignments.assign(self.store, [(u, email) for u in urns], year)

    def assign_sheet(self, path: Path, year: int) -> assignments.AssignReport:
        return assignments.assign(self.store, assignments.read_sheet(path), year, path.name)

    def export(self, folder: Path) -> list[AdviserFile]:
        return export_for_advisers(self.store, folder)
