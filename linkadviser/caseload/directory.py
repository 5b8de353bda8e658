"""The schools of the last GIAS import, kept to search and to build a caseload from.

Every store keeps the state-funded schools of the last Get Information About Schools extract
it read (``gias_establishments``, never synced): an adviser working alone adds schools from
it by URN, and the centre's setup screen searches it. A new extract replaces it whole.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from linkadviser.data.gias import Establishment, GiasExtract
from linkadviser.store.db import Store
from linkadviser.store.models_gias import Establishment as EstablishmentRow

SEARCH_LIMIT = 200


@dataclass(frozen=True)
class DirectoryEntry:
    """One school of the last GIAS import, as a search shows it."""

    urn: int
    name: str
    phase: str
    school_type: str
    la_name: str
    town: str
    status: str

    @property
    def label(self) -> str:
        closed = " (closed)" if self.status == "closed" else ""
        return f"{self.urn} {self.name}{closed}"


def keep_directory(session: Session, extract: GiasExtract) -> int:
    """Replace the directory with this extract's schools; returns how many it holds."""
    session.execute(delete(EstablishmentRow))
    rows = [{**asdict(e), "source": extract.path.name[:400]} for e in extract.establishments]
    if rows:
        session.execute(insert(EstablishmentRow), rows)
    return len(rows)


def load_directory(store: Store, extract: GiasExtract) -> list[str]:
    """The directory refreshed from an extract the adviser imported, in words."""
    with store.transaction() as session:
        held = keep_directory(session, extract)
    return [f"  state-funded schools kept to add to your caseload by URN or name: {held}"]


def establishment(session: Session, urn: int) -> Establishment | None:
    row = session.scalars(select(EstablishmentRow).where(EstablishmentRow.urn == urn)).first()
    if row is None:
        return None
    fields = Establishment.__dataclass_fields__
    return Establishment(**{name: getattr(row, name) for name in fields})


def directory_source(session: Session) -> str | None:
    """The file the directory was read from, or None when no GIAS extract was imported."""
    return session.scalars(select(EstablishmentRow.source).limit(1)).first()


def search(store: Store, text: str, limit: int = SEARCH_LIMIT) -> list[DirectoryEntry]:
    """Schools whose name contains ``text`` or whose URN starts with it, open ones first.

    Matched in Python, not SQL: SQLite folds only ASCII letters, and "ûnity" must find
    "Ûnity Academy" (a national extract's 25,000 schools take a few milliseconds)."""
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return []
    t = EstablishmentRow
    query = select(t.urn, t.name, t.phase, t.school_type, t.la_name, t.address, t.status)
    with store.session() as session:
        rows = session.execute(query).all()
    found = [DirectoryEntry(urn, name, phase, kind, la, _town(address), status)
             for urn, name, phase, kind, la, address, status in rows
             if wanted in name.casefold() or str(urn).startswith(wanted)]
    found.sort(key=lambda e: (e.status == "closed", e.name.casefold()))
    return found[:limit]


def _town(address: str) -> str:
    parts = [p.strip() for p in address.split(",") if p.strip()]
    return parts[-2] if len(parts) >= 2 else (parts[0] if parts else "")


@dataclass(frozen=True)
class DirectorySummary:
    source: str | None  # the extract's file name; None: no GIAS extract imported yet
    schools: int


def summary(store: Store) -> DirectorySummary:
    with store.session() as session:
        count = session.scalar(select(func.count()).select_from(EstablishmentRow)) or 0
        return DirectorySummary(directory_source(session), count)
