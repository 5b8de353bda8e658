"""Opening the store: one SQLite file, WAL, foreign keys on, migrated to this app's schema.

The adviser's store is the only copy of their work until they sync, so opening it is careful:
a file that is not a database is refused with a message (never overwritten), and a backup of
the file is taken before any migration touches it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from linkadviser.errors import StoreError
from linkadviser.store import migrate
from linkadviser.store.base import DEVICE_KEY, new_id
from linkadviser.store.models import Meta
from linkadviser.store.urls import masked, safe_url

SQLITE_HEADER = b"SQLite format 3\x00"


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # FULL: a commit survives the laptop losing power, not only the app crashing.
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def check_is_database(path: Path) -> None:
    """Refuse a file that exists but is not SQLite, rather than letting SQLite clobber it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(
            f"{path} is not a linkadviser database (it may be damaged or another kind of file). "
            "Nothing was changed. Move it aside and start again, or restore a backup from "
            f"{path.parent / 'backups'}."
        )


def write_problem(exc: BaseException, path: Path | None) -> StoreError | None:
    """A StoreError saying why the store could not be written, when it is the disk's or the
    folder's fault (full, read-only) rather than the store's; None for anything else."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    where = path if path is not None else "the database"
    errno_ = getattr(exc, "errno", None)
    if "disk is full" in text or errno_ == errno.ENOSPC:
        return StoreError(f"The disk holding {where} is full, so nothing was saved (the store "
                          "is as it was). Free some space and try again.")
    # SQLite says "readonly" itself; "unable to open" is read-only only if the folder says so
    said_read_only = ("readonly" in text or "read-only" in text
                      or errno_ in (errno.EROFS, errno.EACCES))
    if path is not None and (said_read_only
                             or ("unable to open" in text and _read_only(path))):
        return StoreError(f"The data folder {path.parent} is read-only, so {path.name} cannot "
                          "be written; nothing was changed. Make the folder writable, or set "
                          "LINKADVISER_HOME to a folder you can write to.")
    return None


def _read_only(path: Path) -> bool:
    """Whether the store's folder or file refuses writing (SQLite needs both, for its log)."""
    return not os.access(path.parent, os.W_OK) or (
        path.exists() and not os.access(path, os.W_OK))


def remove_new_store(path: Path) -> None:
    """Remove a store this run created and could not finish, with its log files."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm", f"{path.name}-journal"):
        (path.parent / name).unlink(missing_ok=True)


class Store:
    """An open store: the engine, a session factory, and this device's identity."""

    def __init__(self, engine: Engine, path: Path | None) -> None:
        self.engine = engine
        self.path = path
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.device_id = self._ensure_device_id()

    def session(self) -> Session:
        session = self._sessions()
        session.info[DEVICE_KEY] = getattr(self, "device_id", "")
        return session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error: all or nothing."""
        session = self.session()
        try:
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            problem = write_problem(exc, self.path) if isinstance(exc, OperationalError) else None
            if problem is not None:
                raise problem from exc
            raise
        finally:
            session.close()

    def _ensure_device_id(self) -> str:
        with self._sessions() as session:
            row = session.get(Meta, DEVICE_KEY)
            if row is None:
                row = Meta(key=DEVICE_KEY, value=new_id())
                session.add(row)
                session.commit()
            return row.value

    def get_meta(self, key: str, default: str = "") -> str:
        with self._sessions() as session:
            row = session.get(Meta, key)
            return row.value if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as session:
            session.merge(Meta(key=key, value=value))

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            return conn.execute(text("PRAGMA integrity_check")).scalar_one()

    def close(self) -> None:
        self.engine.dispose()


def open_store(path: Path) -> Store:
    """Open (creating if need be) and migrate the store at ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"The data folder {path.parent} cannot be made ({exc.strerror}). "
                         "Set LINKADVISER_HOME to a folder you can write to.") from exc
    check_is_database(path)
    engine = sqlite_engine(path)
    try:
        migrate.upgrade(engine, path)
        return Store(engine, path)
    except (DatabaseError, OperationalError, OSError) as exc:
        engine.dispose()
        problem = write_problem(exc, path)
        if problem is not None:
            raise problem from exc
        if isinstance(exc, OSError):
            raise
        raise StoreError(
            f"The database {path} could not be read ({exc.orig}). It may be damaged. "
            f"Nothing was changed. Restore a backup from {path.parent / 'backups'} "
            "or move the file aside to start afresh."
        ) from exc


CONNECT_SECONDS = 15


def driver_reason(exc: DBAPIError) -> str:
    """The driver's reason in a few words, on one line, never with a password: psycopg's
    first line from its last "failed: " ("Connection refused", 'password authentication
    failed for user "ann"'), not the whole paragraph with its hints."""
    lines = masked(str(exc.orig)).strip().splitlines() or [""]
    reason = lines[0].rsplit("failed: ", 1)[-1].strip().removeprefix("FATAL:").strip()
    return " ".join(reason.split()) or type(exc.orig).__name__


def open_url(url: str) -> Store:
    """Open a store by database URL (the central store may be PostgreSQL)."""
    if url.startswith("sqlite:///"):
        return open_store(Path(url.removeprefix("sqlite:///")))
    # A server that does not answer would otherwise keep the person waiting for minutes.
    options = {"connect_args": {"connect_timeout": CONNECT_SECONDS}} \
        if url.startswith("postgresql") else {}
    try:
        engine = create_engine(url, future=True, **options)
    except (ArgumentError, ValueError, ImportError) as exc:  # ImportError: no such driver
        raise StoreError(f"{safe_url(url)} is not a database address linkadviser can use "
                         f"({masked(str(exc))}). Give a file path, or "
                         "postgresql://user@host/dbname.") from exc
    try:
        migrate.upgrade(engine, None)
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        reason = driver_reason(exc)
        raise StoreError(f"The database at {safe_url(url)} could not be opened: {reason}. "
                         "Check the server is running and the address is right.") from exc
    return Store(engine, None)
