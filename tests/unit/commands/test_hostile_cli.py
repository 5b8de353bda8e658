"""The command line under a full disk, a read-only folder and a closed pipe (issue 14 item 9
and 12): one line on stderr, a non-zero exit, and no half store left behind."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy.exc import OperationalError

from linkadviser.cli import EXIT_BROKEN_PIPE, main
from linkadviser.errors import StoreError
from linkadviser.paths import database_path
from linkadviser.store import db
from linkadviser.store.db import open_store
from tests.crafted import disk_fills_after, store_digest
from tests.unit.data.conftest import fixture


def page_count(path, compact: bool = False) -> int:
    """The store's size in pages; ``compact``: once its free pages are given back (a store
    made by the migrations has some, from tables a later revision dropped), so that a full
    disk at that size leaves no room for any write."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        if compact:
            connection.execute("VACUUM")
        return connection.execute("PRAGMA page_count").fetchone()[0]
    finally:
        connection.close()


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_init_demo_on_a_full_disk_leaves_no_store(capsys, monkeypatch, home):
    disk_fills_after(monkeypatch, 200)  # room for the empty store, not for the demo county
    assert main(["init", "--demo"]) == 2
    assert "is full, so nothing was saved" in one_line(capsys)
    assert not [p.name for p in home.iterdir() if p.name.startswith("linkadviser.sqlite3")]
    assert not (home / "caseload-snapshot.json").exists()


def test_init_on_a_full_disk_keeps_an_existing_store(capsys, monkeypatch):
    open_store(database_path()).close()
    before = store_digest(database_path())
    disk_fills_after(monkeypatch, page_count(database_path(), compact=True))
    assert main(["init", "--demo"]) == 2
    one_line(capsys)
    assert store_digest(database_path()) == before


def test_import_on_a_full_disk_is_one_line_and_changes_nothing(capsys, monkeypatch):
    open_store(database_path()).close()
    before = store_digest(database_path())
    disk_fills_after(monkeypatch, page_count(database_path(), compact=True))
    assert main(["import", str(fixture("england_ks4final.csv"))]) == 2
    assert "is full, so nothing was saved (the store is as it was)" in one_line(capsys)
    assert store_digest(database_path()) == before


def sqlite_says(monkeypatch, home, message: str) -> None:
    """Opening a store in ``home`` fails with SQLite's own ``message`` (as root, CI, a chmod
    does not stop writing, so SQLite's refusal is played back)."""
    import sqlite3

    def refuse(*_args: object) -> None:
        raise OperationalError("PRAGMA", {}, sqlite3.OperationalError(message))

    home.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(db.migrate, "upgrade", refuse)


def test_read_only_data_folder_says_read_only(monkeypatch, home):
    sqlite_says(monkeypatch, home, "attempt to write a readonly database")
    with pytest.raises(StoreError, match=r"data folder .* is read-only") as refused:
        open_store(home / "linkadviser.sqlite3")
    assert "damaged" not in str(refused.value) and "move the file aside" not in str(refused.value)


def test_unable_to_open_in_a_folder_that_refuses_writing_says_read_only(monkeypatch, home):
    sqlite_says(monkeypatch, home, "unable to open database file")
    monkeypatch.setattr(db.os, "access", lambda path, mode: False)
    with pytest.raises(StoreError, match=r"data folder .* is read-only"):
        open_store(home / "linkadviser.sqlite3")
    monkeypatch.setattr(db.os, "access", lambda path, mode: True)
    with pytest.raises(StoreError, match="may be damaged"):
        open_store(home / "linkadviser.sqlite3")


def test_a_damaged_store_is_still_called_damaged(home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "linkadviser.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(StoreError, match="may be damaged"):
        open_store(home / "linkadviser.sqlite3")


def test_writing_a_named_file_on_a_full_disk_is_one_line(capsys, monkeypatch):
    import errno

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/media/stick/x")

    monkeypatch.setattr("linkadviser.commands.basics.load_programme", full)
    assert main(["programme", "check", "x.yaml"]) == 2
    assert "cannot write (/media/stick/x): No space left on device" in one_line(capsys)


def test_a_closed_pipe_ends_quietly():
    """`linkadviser programme show | true`: the reader is gone before anything is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "linkadviser", "programme", "show"],
                              stdout=write_end, stderr=subprocess.PIPE, timeout=60, check=False)
    finally:
        os.close(write_end)
    assert done.returncode == EXIT_BROKEN_PIPE
    assert done.stderr == b""


def test_a_refused_import_on_a_new_machine_leaves_no_store(capsys, home, tmp_path):
    """`import` creates the store if there is none; refused, it removes it again."""
    bad = tmp_path / "2024-2025" / "england_ks4final.csv"
    bad.parent.mkdir()
    bad.write_text(fixture("england_ks4final.csv").read_text().splitlines()[0] + "\n")
    assert main(["import", str(bad)]) == 2
    assert "has its header but no rows" in one_line(capsys)
    assert not database_path().exists()


def test_a_full_disk_on_first_import_leaves_no_store(capsys, monkeypatch, home, tmp_path):
    open_store(tmp_path / "measure.sqlite3").close()
    disk_fills_after(monkeypatch, page_count(tmp_path / "measure.sqlite3"))  # no room left
    assert main(["import", str(fixture("england_ks4final.csv"))]) == 2
    assert "is full, so nothing was saved" in one_line(capsys)
    assert not database_path().exists()
