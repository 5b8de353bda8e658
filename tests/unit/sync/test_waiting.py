"""An import waits for another writer of the same store (the app open while a command runs)
instead of failing "database is locked", says that it waits, and gives up cleanly."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from linkadviser.cli import main
from linkadviser.sync import waiting
from linkadviser.sync.export import export_central
from linkadviser.sync.importer import StoreFault, import_file
from tests.unit.sync.sync_helpers import dump


@contextmanager
def another_writer(db: Path, seconds: float) -> Iterator[None]:
    """A second connection writes to the store and holds its write lock for ``seconds``
    (the app saving while the import runs), then commits."""
    locked = threading.Event()

    def write() -> None:
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('app.saved', 'yes')")
        locked.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=write)
    thread.start()
    locked.wait(5)
    try:
        yield
    finally:
        thread.join()


@pytest.fixture
def centre_file(central, tmp_path) -> Path:
    export_central(central[0], tmp_path / "to-ann.zip", "ann@example.org")
    return tmp_path / "to-ann.zip"


def test_the_import_waits_for_the_other_writer_and_says_so(adviser_store, centre_file,
                                                           tmp_path):
    heard: list[str] = []
    with another_writer(tmp_path / "ann.sqlite3", 2):
        report = import_file(adviser_store, centre_file,
                             progress=lambda _done, _total, text: heard.append(text))
    assert report.changed > 0
    waits = [t for t in heard if t.startswith("Waiting for another program")]
    assert waits and waits[0].endswith(": 1 s")
    assert adviser_store.get_meta("app.saved") == "yes"  # the other writer's work stands


def test_the_command_shows_it_waits(adviser_store, centre_file, tmp_path, capsys):
    with another_writer(tmp_path / "ann.sqlite3", 1.5):
        assert main(["sync", "import", "--db", str(tmp_path / "ann.sqlite3"),
                     str(centre_file)]) == 0
    out, err = capsys.readouterr()
    assert "Waiting for another program writing to the store" in err
    assert "Imported" in out


def test_a_writer_that_never_finishes_is_given_up_on(adviser_store, centre_file, tmp_path,
                                                     monkeypatch):
    monkeypatch.setattr(waiting, "WAIT_FOR_WRITER", 0.5)
    before = dump(adviser_store)
    with another_writer(tmp_path / "ann.sqlite3", 2.5), pytest.raises(StoreFault) as gave_up:
        import_file(adviser_store, centre_file)
    assert "Another program kept the store busy" in str(gave_up.value)
    assert "Nothing was changed" in str(gave_up.value)
    after = dump(adviser_store)
    after["meta"] = [row for row in after["meta"] if "app.saved" not in row[0]]
    assert after == before
