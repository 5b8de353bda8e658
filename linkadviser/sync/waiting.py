"""Waiting for another writer of the same SQLite store instead of refusing the import.

The app open on a store while a command imports into it (or a second command) both write.
An import's transaction used to begin as a reader and become a writer at its first write;
SQLite refuses that at once ("database is locked") when the other writer committed in
between, whatever the busy timeout. So the import takes the write lock first (``BEGIN
IMMEDIATE``), waiting for the other writer a second at a time and saying so, and gives up
with a message only after ``WAIT_FOR_WRITER`` seconds. Nothing is read or written before the
lock is held, so a refusal changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

WAIT_FOR_WRITER = 120.0  # seconds; the app's own writes last well under a second
POLL_MS = 1000  # SQLite's busy handler waits this long per attempt, then we report
Waiting = Callable[[int], None]  # told the whole seconds waited so far


class WriterBusy(Exception):
    """Another program kept the store's write lock for longer than ``WAIT_FOR_WRITER``."""

    def __init__(self, waited: float) -> None:
        super().__init__(f"another program kept the store busy for {waited:.0f} s")
        self.waited = waited


def begin_writing(conn: Connection, waiting: Waiting | None = None) -> None:
    """Begin the SQLite transaction holding the write lock, waiting for any other writer."""
    previous = int(conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0)
    conn.exec_driver_sql(f"PRAGMA busy_timeout={POLL_MS}")
    started = time.monotonic()
    try:
        while True:
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as exc:
                if not is_busy(exc):
                    raise
            waited = time.monotonic() - started
            if waited >= WAIT_FOR_WRITER:
                raise WriterBusy(waited)
            if waiting is not None:
                waiting(int(waited))
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout={previous}")


def is_busy(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text
