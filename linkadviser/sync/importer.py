"""Importing a sync file: check all of it, then apply all of it in one transaction, or nothing.

Order matters for the promise that a bad file leaves the store exactly as it was: the archive,
manifest, checksums, every value and every reference are checked before the first write, and
the writes share one transaction, so a full disk or a killed process rolls back to before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from linkadviser.signing import sync_files
from linkadviser.store.base import utcnow
from linkadviser.store.db import Store
from linkadviser.store.models import CaseloadAssignment, School
from linkadviser.store.models_sync import SyncImport, SyncPartner
from linkadviser.sync import marks
from linkadviser.sync.apply import Applier, Conflict, batch
from linkadviser.sync.archive import open_archive, read_file_bytes, sha256
from linkadviser.sync.errors import SyncError
from linkadviser.sync.incoming import Incoming, check_references, read_incoming
from linkadviser.sync.ownership import SetAside, check_ownership
from linkadviser.sync.programme_source import store_programme_text
from linkadviser.sync.review import record_name, where
from linkadviser.sync.signed import check_signed_versions
from linkadviser.sync.values import check_values
from linkadviser.sync.waiting import Waiting, WriterBusy, begin_writing
from linkadviser.words import count

Progress = Callable[[int, int, str], None]


@dataclass
class ImportReport:
    path: Path
    origin: str
    already_imported: bool = False
    changes: dict[str, dict[str, int]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    programme_updated: bool = False
    sender: sync_files.Sender | None = None  # who signed the file, or "unsigned"
    trust_lines: list[str] = field(default_factory=list)  # certificates that came with it
    set_aside: SetAside = field(default_factory=SetAside)

    @property
    def changed(self) -> int:
        return sum(n for t in self.changes.values() for k, n in t.items()
                   if k in ("added", "updated", "deleted"))

    def lines(self) -> list[str]:
        if self.already_imported:
            return [f"{self.path} was imported before (from {self.origin}); nothing to do."]
        out = [f"Imported {self.path} from {self.origin}: {count(self.changed, 'change')}."]
        if self.sender is not None:
            out.append(self.sender.line())
        out += [f"  {line}" for line in self.trust_lines]
        for table, counts in sorted(self.changes.items()):
            shown = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()) if n)
            if shown:
                out.append(f"  {table.replace('_', ' ')}: {shown}")
        if self.programme_updated:
            out.append("  The programme was updated from the centre's file.")
        out += self.set_aside.lines()
        if self.conflicts:
            out.append(f"{count(len(self.conflicts), 'conflict')}, kept for review "
                       "(Sync, then Review conflicts; or `linkadviser sync conflicts`):")
            out += [f"  {record_name(c.table)} ({c.where or c.record_id}): {c.message}"
                    for c in self.conflicts]
        return out


def import_file(store: Store, path: Path, progress: Progress | None = None,
                now: datetime | None = None, waiting: Waiting | None = None) -> ImportReport:
    """Import one file in a transaction of its own: all of it is applied, or nothing.
    While another program writes to the store, ``waiting`` (else ``progress``) hears how
    long the import has waited for it."""
    data = read_file_bytes(path)
    with writing(store, waiting or _waiting_progress(progress)) as conn:
        return import_on(conn, store, path, progress, now, data)


def waiting_text(seconds: int) -> str:
    return (f"Waiting for another program writing to the store (the app, or another "
            f"command) to finish: {seconds} s")


def _waiting_progress(progress: Progress | None) -> Waiting | None:
    if progress is None:
        return None
    return lambda seconds: progress(0, 100, waiting_text(seconds))


@contextmanager
def writing(store: Store, waiting: Waiting | None = None) -> Iterator[Connection]:
    """One write transaction on ``store``, committed when the block ends and rolled back
    entirely on any error (a killed process leaves the store as it was before).

    On SQLite the transaction is begun explicitly, holding the write lock from the start
    (``waiting.begin_writing``: another writer is waited for, not refused): Python's sqlite3
    only opens one before an INSERT/UPDATE/DELETE, so a SAVEPOINT (a central merge's
    per-file undo) or an index rebuilt before the first insert would otherwise run, and be
    committed, on its own."""
    try:
        with store.engine.begin() as conn, _large_cache(conn):
            if conn.dialect.name == "sqlite" and not conn.connection.driver_connection \
                    .in_transaction:
                begin_writing(conn, waiting)
            yield conn
    except OperationalError as exc:
        raise _store_fault(exc) from exc
    except WriterBusy as exc:
        raise StoreFault(f"Another program kept the store busy for {exc.waited:.0f} seconds "
                         "(the app, or another command writing to it). Nothing was changed; "
                         "close it or let it finish, then try again.") from exc


@contextmanager
def writing_many(store: Store, waiting: Waiting | None = None) -> Iterator[Connection]:
    """``writing`` for many files at once (a central merge), applied as one ``batch``: the
    tables empty at the start keep their plain indexes aside until the last file is in,
    rather than having them built again after the first file and then updated row by row
    for the other 29, and records are looked up only among those the batch wrote."""
    with writing(store, waiting) as conn, batch(conn):
        yield conn


def import_on(conn: Connection, store: Store, path: Path, progress: Progress | None = None,
              now: datetime | None = None, data: bytes | None = None,
              senders: frozenset[str] = frozenset({marks.ADVISER, marks.CENTRE}),
              ) -> ImportReport:
    """Import one file on ``conn``, inside the caller's transaction (see ``writing``).

    Nothing is committed here, so a caller can put several files in one transaction (the
    central merge, one commit for 30 files) and undo one of them with a savepoint. Raises
    SyncError for anything wrong with the file, and StoreFault when the store itself failed:
    then the whole transaction must go, as SQLite may already have rolled it back. A file
    whose sender's role is not among ``senders`` is refused (the central merge takes only
    advisers' files)."""
    now = now or utcnow()
    _progress(progress, 0, "Checking the file")
    data = read_file_bytes(path) if data is None else data
    with _session(conn) as session:
        earlier = session.get(SyncImport, sha256(data))
        if earlier is not None:
            # These exact bytes were checked and applied before: applying them again could
            # only change nothing (every rule keeps what is already here), so say so at once.
            partner = session.get(SyncPartner, earlier.partner_device_id)
            _progress(progress, 1, "Already imported")
            return ImportReport(Path(path), marks.described(earlier.partner_device_id,
                                                       partner.name if partner else ""),
                                already_imported=True)
    archive = open_archive(data)
    origin = archive.manifest.origin
    described = marks.described(marks.partner_key(origin), origin.name)
    if origin.role not in senders:
        raise SyncError(f"The sync file was refused: its manifest says it comes from "
                        f"{origin.role!r}, and here only files from "
                        f"{' or '.join(map(repr, sorted(senders)))} are taken (the centre "
                        "merges advisers' files; an adviser imports the centre's). "
                        "Nothing was changed.")
    incoming = read_incoming(archive)
    _check_parties(conn, store.device_id, incoming)
    check_signed_versions(incoming)
    with _session(conn) as session:
        sender = sync_files.check_sender(session, archive.manifest, archive.manifest_raw,
                                         archive.signature)
        sync_files.check_trust_member(session, archive.manifest, incoming.trust)
    key = marks.partner_key(origin)
    try:
        check_references(conn, incoming)
        check_values(conn, incoming)
        set_aside = check_ownership(conn, incoming)
        report = _apply(conn, incoming, key, now, progress, sender)
    except OperationalError as exc:
        raise _store_fault(exc) from exc
    except (IntegrityError, DataError) as exc:
        # A value the database refuses (on PostgreSQL, e.g. a text longer than its column).
        raise SyncError(f"The file's records do not fit this store ({exc.orig}). "
                        "Nothing was changed; please report this with the file.") from exc
    report.path, report.origin, report.set_aside = Path(path), described, set_aside
    _progress(progress, 1, "Done")
    return report


def _apply(conn: Connection, incoming: Incoming, key: str, now: datetime,
           progress: Progress | None, sender: sync_files.Sender) -> ImportReport:
    manifest = incoming.archive.manifest
    with _session(conn) as session:
        last_import, last_export = marks.import_marks(session, key)
    applied = Applier(conn, incoming, key, last_import, last_export, now,
                      _scaled(progress)).run()
    with _session(conn) as session:
        recipient = manifest.recipient
        if recipient is not None and recipient.role == marks.ADVISER:
            marks.set_store_adviser_id(session, recipient.adviser_id)
            session.flush()
            _mark_caseload(session, recipient.adviser_id)
        if incoming.programme_text is not None:
            store_programme_text(session, incoming.programme_text)
        trust_lines = sync_files.take_trust_member(session, manifest, incoming.trust)
        row = marks.partner(session, key, manifest.origin.role, manifest.origin.name)
        row.last_import_at = now
        changes = {t: dict(c) for t, c in applied.tally.items()}
        summary = {**changes, "signed_by": sender.signed_by}  # the record of merges says it
        session.add(SyncImport(file_sha256=incoming.archive.file_sha256, partner_device_id=key,
                               imported_at=now, summary_json=json.dumps(summary)))
        session.flush()
        conflicts = [replace(c, where=where(session, c.table, c.local or c.incoming or {}))
                     for c in applied.conflicts]
    return ImportReport(Path(), "", changes=changes, conflicts=conflicts,
                        programme_updated=incoming.programme_text is not None, sender=sender,
                        trust_lines=trust_lines)


def _session(conn: Connection) -> Session:
    """An ORM session on the import's connection that neither commits nor, when the caller
    is inside a savepoint (a central merge), quietly undoes its writes as it closes: what it
    flushes is the caller's to keep or roll back. Stamps are kept as the file gives them."""
    return Session(bind=conn, info={"keep_stamps": True}, join_transaction_mode="rollback_only")


@contextmanager
def _large_cache(conn: Connection) -> Iterator[None]:
    """A bigger SQLite page cache while importing: records keyed by random UUIDs touch index
    pages all over the file, and SQLite's default 2 MB cache made it re-read them."""
    if conn.dialect.name != "sqlite":
        yield
        return
    default = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MB at most, used only as needed
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(default)}")


def _mark_caseload(session: Session, adviser_id: str) -> None:
    """A school is in this adviser's caseload when its latest assignment is to them."""
    latest: dict[str, tuple[int, str]] = {}
    for school_id, year, adviser in session.execute(select(
            CaseloadAssignment.school_id, CaseloadAssignment.academic_year,
            CaseloadAssignment.adviser_id)):
        if school_id not in latest or year > latest[school_id][0]:
            latest[school_id] = (year, adviser)
    mine = sorted(s for s, (_, a) in latest.items() if a == adviser_id)
    session.execute(update(School).values(in_caseload=School.id.in_(mine)))


def _check_parties(conn: Connection, device_id: str, incoming: Incoming) -> None:
    origin, recipient = incoming.origin, incoming.archive.manifest.recipient
    if origin.device_id == device_id:
        raise SyncError("This sync file was exported from this store itself; import it on "
                        "the other side of the exchange. Nothing was changed.")
    if recipient is None or recipient.role != marks.ADVISER:
        return
    with _session(conn) as session:
        mine = marks.store_adviser_id(session)
    if mine and mine != recipient.adviser_id:
        raise SyncError(f"This sync file was made by the centre for {recipient.name or 'another'}"
                        " adviser, not for the adviser whose store this is. Ask the centre for "
                        "your own file. Nothing was changed.")


class StoreFault(SyncError):
    """The store could not be written (full disk, locked, damaged): not the file's fault."""


def _store_fault(exc: DBAPIError) -> StoreFault:
    text = str(exc.orig)
    if "full" in text:
        return StoreFault("The disk is full, so the import could not be saved. Nothing was "
                         "changed; free some space and import the file again.")
    return StoreFault(f"The store could not be written ({text}). Nothing was changed; "
                     "close other copies of linkadviser and import the file again.")


def _progress(progress: Progress | None, fraction: float, text: str) -> None:
    if progress:
        progress(int(fraction * 100), 100, text)


def _scaled(progress: Progress | None) -> Progress | None:
    if progress is None:
        return None
    return lambda done, total, text: progress(5 + int(90 * done / max(total, 1)), 100, text)


def import_for_central(conn: Connection, store: Store, path: Path) -> list[str]:
    """The central merge's reader: one adviser's file into the central store, on the merge's
    connection and inside its transaction, as lines. A file claiming to come from the centre
    is refused: the centre merges only its advisers' work."""
    return import_on(conn, store, path, senders=frozenset({marks.ADVISER})).lines()
