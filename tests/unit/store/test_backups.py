"""Backups the adviser owns: taken whole, restored only when they are ours, nothing lost."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from linkadviser.cli import main
from linkadviser.errors import StoreError
from linkadviser.store.backups import (
    backups_in,
    copy_store,
    inspect_backup,
    keep_daily_backup,
    restore_backup,
)
from linkadviser.store.db import open_store
from linkadviser.store.migrate import known_revisions
from linkadviser.store.models import School
from tests.unit.store.store_dump import dump


def add_school(store, urn: int, name: str) -> None:
    with store.transaction() as session:
        session.add(School(urn=urn, name=name, phase="primary"))


def school_names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {name for (name,) in conn.execute("SELECT name FROM schools")}
    finally:
        conn.close()


def test_a_backup_taken_while_the_store_is_open_is_whole_and_self_contained(store, tmp_path):
    add_school(store, 100001, "Alder Primary")
    target = tmp_path / "stick" / "mine.sqlite3"
    target.parent.mkdir()
    copy_store(store.path, target)
    assert not Path(f"{target}-wal").exists()
    info = inspect_backup(target, known_revisions())
    assert (info.schools, info.visits, info.demo) == (1, 0, False)
    assert school_names(target) == {"Alder Primary"}


def test_restore_replaces_the_store_and_keeps_what_it_replaced(store, tmp_path):
    add_school(store, 100001, "Alder Primary")
    backup = tmp_path / "backup.sqlite3"
    copy_store(store.path, backup)
    add_school(store, 100002, "Birch Academy")
    path = store.path
    store.close()

    _info, kept = restore_backup(backup, path, known_revisions())

    assert school_names(path) == {"Alder Primary"}
    assert kept is not None and school_names(kept) == {"Alder Primary", "Birch Academy"}
    reopened = open_store(path)
    assert reopened.integrity_check() == "ok"
    reopened.close()


@pytest.mark.parametrize("make, words", [
    (lambda p: p.write_text("URN,Name\n1,x\n"), "not a linkadviser backup"),
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(),
     "not a linkadviser store"),
    (None, "newer version"),
    (lambda p: None, "no file"),
])
def test_restore_refuses_what_is_not_our_backup_and_changes_nothing(store, tmp_path, make,
                                                                      words):
    add_school(store, 100001, "Alder Primary")
    offered = tmp_path / "offered.sqlite3"
    if make is None:  # a backup from a release with a schema this one does not know
        copy_store(store.path, offered)
        conn = sqlite3.connect(offered)
        conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
        conn.commit()
        conn.close()
    else:
        make(offered)
    before = dump(store.path)
    with pytest.raises(StoreError, match=words):
        restore_backup(offered, store.path, known_revisions())
    assert dump(store.path) == before
    assert backups_in(store.path) == []


def test_a_damaged_backup_is_refused(store, tmp_path):
    for urn in range(200):
        add_school(store, 100000 + urn, f"School {urn} " + "x" * 150)
    offered = tmp_path / "damaged.sqlite3"
    copy_store(store.path, offered)
    data = bytearray(offered.read_bytes())
    data[8192:8192 + 4096] = b"\xff" * 4096  # a page in the middle of the schools table
    offered.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged|could not be read"):
        inspect_backup(offered, known_revisions())


def test_one_daily_backup_a_day_and_only_the_newest_kept(store):
    path = store.path
    store.close()
    assert keep_daily_backup(path, 3, date(2026, 11, 2)) is not None
    assert keep_daily_backup(path, 3, date(2026, 11, 2)) is None  # already taken that day
    for day in (3, 4, 5, 6):
        assert keep_daily_backup(path, 3, date(2026, 11, day)) is not None
    kept = [p.name.split("-")[1] for p in backups_in(path, "daily")]
    assert kept == ["20261104", "20261105", "20261106"]


def test_daily_pruning_leaves_backups_taken_for_other_reasons(store):
    path = store.path
    store.close()
    from linkadviser.store.backups import take_backup

    before_restore = take_backup(path, "before-restore")
    for day in (1, 2, 3):
        keep_daily_backup(path, 1, date(2026, 11, day))
    assert before_restore.exists()
    assert len(backups_in(path, "daily")) == 1


def test_backup_and_restore_on_the_command_line_move_a_store_to_a_new_laptop(
        home, tmp_path, monkeypatch, capsys):
    assert main(["init", "--demo"]) == 0
    old = home / "linkadviser.sqlite3"
    stick = tmp_path / "stick.sqlite3"
    assert main(["backup", str(stick)]) == 0
    assert main(["backup", str(stick)]) == 2  # never overwrites
    assert "already exists" in capsys.readouterr().err

    new_home = tmp_path / "new-laptop"
    monkeypatch.setenv("LINKADVISER_HOME", str(new_home))
    assert main(["restore", str(stick)]) == 0
    assert dump(new_home / "linkadviser.sqlite3") == dump(old)


def test_the_app_closing_takes_the_days_backup(home):
    from linkadviser.services import open_services

    services = open_services(home / "linkadviser.sqlite3")
    services.close(keep_snapshot=True, daily_backup=True)
    assert len(backups_in(home / "linkadviser.sqlite3", "daily")) == 1


def test_a_daily_backup_of_a_closed_store_leaves_no_write_ahead_log_behind(store):
    """Else the next start takes the store for one a crash left, and waits for it."""
    path = store.path
    store.close()
    keep_daily_backup(path, 3, date(2026, 11, 2))
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
