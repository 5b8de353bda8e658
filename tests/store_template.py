"""New SQLite stores in tests as copies of one empty store migrated once per run.

Running the migrations (~130 statements, each committed to disk) for every new store was the
largest share of the suite's time. The template is made by the real migrations, so a fault in
them still fails the run; a store with a schema or data of its own, and any PostgreSQL
database, still goes through the real migrations.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from linkadviser.store import migrate
from linkadviser.store.db import sqlite_engine

REAL_UPGRADE = migrate.upgrade


def make_template(path: Path) -> Path:
    """An empty store at ``path`` migrated to the head revision (no device id yet: each copy
    gets its own when opened)."""
    engine = sqlite_engine(path)
    try:
        REAL_UPGRADE(engine, path)
    finally:
        engine.dispose()
    return path


def upgrade_from(template: Path) -> Callable[[Engine, Path | None], None]:
    """``migrate.upgrade`` that fills a brand-new SQLite file from ``template``."""

    def upgrade(engine: Engine, path: Path | None) -> None:
        if (path is None or engine.dialect.name != "sqlite"
                or migrate.current_revision(engine) is not None
                or migrate.has_user_tables(engine)):
            REAL_UPGRADE(engine, path)
            return
        fill_from(template, engine)

    return upgrade


def fill_from(source_path: Path, engine: Engine) -> None:
    """Replace the SQLite database behind ``engine`` with a copy of ``source_path`` (SQLite's
    backup, so the copy is whole even while the engine holds connections)."""
    source = sqlite3.connect(source_path)
    try:
        with engine.connect() as conn:
            source.backup(conn.connection.driver_connection)
    finally:
        source.close()
