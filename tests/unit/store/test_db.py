"""Opening the store: pragmas, identity, refusal of damaged files, backup before migrating."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from linkadviser.errors import StoreError
from linkadviser.store import tables  # noqa: F401 - every table on the metadata
from linkadviser.store.base import Base
from linkadviser.store.db import open_store
from linkadviser.store.migrate import HEAD_REVISION, alembic_config


def test_wal_and_foreign_keys_are_on(store):
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert store.integrity_check() == "ok"


def test_device_id_is_kept_across_openings(home):
    path = home / "s.sqlite3"
    first = open_store(path)
    device = first.device_id
    first.close()
    again = open_store(path)
    assert again.device_id == device and len(device) == 36
    again.close()


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(home):
    path = home / "linkadviser.sqlite3"
    home.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is a letter to governors, not a database\n" * 20)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a linkadviser database"):
        open_store(path)
    assert path.read_bytes() == before


def test_a_damaged_database_gives_a_clear_message(home):
    path = home / "linkadviser.sqlite3"
    open_store(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="could not be read"):
        open_store(path)


def test_backup_is_taken_before_migrating_a_store_with_data(home):
    path = home / "old.sqlite3"
    home.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes_from_old_version (text TEXT)")
    conn.execute("INSERT INTO notes_from_old_version VALUES ('keep me')")
    conn.commit()
    conn.close()
    open_store(path).close()
    backups = list((home / "backups").glob("old-*-before-*.sqlite3"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT text FROM notes_from_old_version").fetchall() == [("keep me",)]
    copy.close()


def test_a_new_empty_store_needs_no_backup(home):
    open_store(home / "fresh.sqlite3").close()
    backups = home / "backups"
    assert not backups.exists() or not any(backups.iterdir())


def test_a_store_from_a_newer_app_is_refused_unchanged(home):
    path = home / "future.sqlite3"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer linkadviser"):
        open_store(path)
    assert path.read_bytes() == before


def test_head_revision_constant_matches_the_migrations(store):
    script = ScriptDirectory.from_config(alembic_config(store.engine))
    assert script.get_current_head() == HEAD_REVISION


def test_migrations_build_exactly_the_models(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], "add a migration: scripts/new_migration.py"
