"""Backups of the adviser's store, taken with SQLite's online backup so a copy is always whole.

Until they sync, the store is the adviser's only copy of their work. So the app keeps one
backup a day (the last N), any backup can be written to a file the adviser chooses (a memory
stick, a new laptop), and restoring one first keeps the store it replaces as one more backup:
no restore can lose what was there before it.

A file offered for restore is checked before anything is touched: it must be a linkadviser
store (our tables and a device id), whole (SQLite's integrity check), and of a schema this
version knows (a backup made by a newer release is refused rather than half-read).
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from linkadviser.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
DAILY = "daily"
_STAMP = re.compile(r"-(\d{8})-(\d{6})-")


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, read without changing it."""

    path: Path
    revision: str
    schools: int
    visits: int
    signed_versions: int
    demo: bool

    def summary(self) -> str:
        what = "demo data" if self.demo else "data"
        return (f"{self.schools} schools, {self.visits} visits "
                f"({self.signed_versions} signed versions), {what}")


def copy_store(source: Path, target: Path) -> None:
    """Copy one SQLite store to another file, consistently even while the source is in use.

    The copy is written beside the target and moved into place, so a failure (a full memory
    stick) never leaves a half-written file under the target's name.
    """
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    # Not read-only: a read-only connection to a store in WAL mode leaves its -wal and -shm
    # files behind, and the app then takes the store for one a crash left half-written.
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
        finally:
            dst.close()
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"The backup could not be written to {target} ({_reason(exc)}). "
                         "Nothing was changed; check there is room and you may write there.") \
            from exc
    finally:
        src.close()


def _reason(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def take_backup(store_path: Path, reason: str, now: datetime | None = None) -> Path:
    """A backup in the store's ``backups/`` folder, named by time and reason."""
    folder = store_path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{store_path.stem}-{stamp}-{reason}.sqlite3"
    copy_store(store_path, target)
    return target


def backups_in(store_path: Path, reason: str | None = None) -> list[Path]:
    """The store's backups, oldest first (of one reason, when given)."""
    folder = store_path.parent / "backups"
    if not folder.is_dir():
        return []
    pattern = f"{store_path.stem}-*-{reason}.sqlite3" if reason else f"{store_path.stem}-*.sqlite3"
    return sorted(p for p in folder.glob(pattern) if _STAMP.search(p.name))


def keep_daily_backup(store_path: Path, keep: int, today: date | None = None) -> Path | None:
    """Take today's backup unless there is one, then keep only the newest ``keep`` daily ones.

    Only daily backups are pruned: those taken before a migration or a restore stay until
    the adviser removes them, as they are the way back from that one step.
    """
    if not store_path.exists():
        return None
    today = today or date.today()
    daily = backups_in(store_path, DAILY)
    taken = None
    if not any(_STAMP.search(p.name).group(1) == f"{today:%Y%m%d}" for p in daily):
        taken = take_backup(store_path, DAILY, datetime.combine(today, datetime.now().time()))
        daily.append(taken)
    for old in daily[:-max(keep, 1)]:
        old.unlink(missing_ok=True)
    return taken


def inspect_backup(path: Path, known_revisions: set[str]) -> BackupInfo:
    """Read what a file offered as a backup holds; refuse anything that is not one of ours."""
    if not path.is_file():
        raise StoreError(f"There is no file at {path}. Check the name and try again.")
    with path.open("rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise StoreError(f"{path} is not a linkadviser backup (it is not a database). "
                             "Nothing was changed.")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "meta", "schools", "visits"} <= tables:
            raise StoreError(f"{path} is a database, but not a linkadviser store. "
                             "Nothing was changed.")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] not in known_revisions:
            raise StoreError(f"{path} was made by a newer version of linkadviser (schema "
                             f"{revision[0] if revision else 'unknown'}). Install that version "
                             "to restore it; nothing was changed.")
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise StoreError(f"{path} is damaged (SQLite's integrity check failed). Choose "
                             "another backup; nothing was changed.")

        def count(table: str) -> int:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

        demo = conn.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
        return BackupInfo(path, revision[0], count("schools"), count("visits"),
                          count("signed_versions") if "signed_versions" in tables else 0,
                          bool(demo and demo[0] == "true"))
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} could not be read as a linkadviser backup ({exc}). "
                         "Nothing was changed.") from exc
    finally:
        conn.close()


def backup_to(store_path: Path, target: Path, known_revisions: set[str]) -> BackupInfo:
    """The adviser's own backup, to a file they name; never over an existing file."""
    if not store_path.exists():
        raise StoreError(f"There is no linkadviser store at {store_path} to back up.")
    if target.exists():
        raise StoreError(f"{target} already exists; choose a new file name (nothing was "
                         "overwritten).")
    if not target.parent.is_dir():
        raise StoreError(f"The folder {target.parent} does not exist; create it or choose "
                         "another place.")
    copy_store(store_path, target)
    return inspect_backup(target, known_revisions)


def restore_backup(source: Path, store_path: Path,
                   known_revisions: set[str]) -> tuple[BackupInfo, Path | None]:
    """Put a checked backup in place of the store; return what it holds and the backup kept
    of what it replaced (checked once here, as checking reads the whole file).

    SQLite's backup writes into the live store file under its own lock, so another process
    that has the store open sees the old or the new store, never a mixture.
    """
    info = inspect_backup(source, known_revisions)
    if store_path.exists() and store_path.resolve() == info.path.resolve():
        raise StoreError("That file is the store itself; choose a backup to restore.")
    kept = take_backup(store_path, "before-restore") if store_path.exists() else None
    store_path.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(store_path, timeout=30)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"The backup could not be restored ({_reason(exc)}). Your store is as "
                         f"it was{f'; a copy of it is in {kept}' if kept else ''}.") from exc
    finally:
        src.close()
    return info, kept
