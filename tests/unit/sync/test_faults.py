"""Bad files and failures half way: each is refused with a message and the store is unchanged."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from linkadviser.store.db import open_store
from linkadviser.store.models import Attendee
from linkadviser.sync import apply as apply_module
from linkadviser.sync.errors import SyncError
from linkadviser.sync.export import export_adviser, export_central
from linkadviser.sync.importer import import_file
from linkadviser.sync.manifest import FORMAT_VERSION
from tests.crafted import disk_full_soon
from tests.unit.sync.sync_helpers import add_visit, dump, read_member, rezip


@pytest.fixture
def ann_file(central, adviser_store, tmp_path) -> Path:
    """A valid file from Ann (two visits, one signed) for the central store to import."""
    store, ids = central
    export_central(store, tmp_path / "to-ann.zip", "ann@example.org")
    import_file(adviser_store, tmp_path / "to-ann.zip")
    add_visit(adviser_store, ids["s1"], 1, "first")
    add_visit(adviser_store, ids["s2"], 2, "second", state="signed")
    path = tmp_path / "from-ann.zip"
    export_adviser(adviser_store, path)
    return path


def refused(store, path: Path, *words: str) -> str:
    before = dump(store)
    with pytest.raises(SyncError) as caught:
        import_file(store, path)
    assert dump(store) == before
    message = str(caught.value)
    for word in words:
        assert word in message
    assert "Nothing was changed" in message
    return message


def test_the_valid_file_imports(central, ann_file):
    store, _ = central
    before = dump(store)
    report = import_file(store, ann_file)
    assert report.changes["visits"]["added"] == 2
    assert dump(store) != before


def test_truncated_file(central, ann_file, tmp_path):
    cut = tmp_path / "cut.zip"
    cut.write_bytes(ann_file.read_bytes()[: ann_file.stat().st_size * 2 // 3])
    refused(central[0], cut, "not a complete zip archive")


def test_member_altered_after_export(central, ann_file, tmp_path):
    bad = tmp_path / "bad.zip"
    notes = read_member(ann_file, "records/agenda_notes.jsonl")
    rezip(ann_file, bad, {"records/agenda_notes.jsonl": notes.replace(b"first", b"FIRST")})
    refused(central[0], bad, "agenda_notes.jsonl does not match its SHA-256")


def test_zip_bomb(central, ann_file, tmp_path):
    bomb = tmp_path / "bomb.zip"
    rezip(ann_file, bomb, {"records/visits.jsonl": b"\n" * (300 * 1024 * 1024)})
    assert bomb.stat().st_size < 2 * 1024 * 1024
    refused(central[0], bomb, "records/visits.jsonl is not a plausible sync member",
            "expands")


def test_member_claiming_less_than_it_holds(central, ann_file, tmp_path):
    """A forged header (small declared size) cannot make a member inflate past it."""
    liar = tmp_path / "liar.zip"
    rezip(ann_file, liar, {})
    raw = bytearray(liar.read_bytes())
    name = b"records/visits.jsonl"
    at = raw.find(b"PK\x01\x02")  # central directory entries: the name starts at +46
    while raw[at + 46: at + 46 + len(name)] != name:
        at = raw.find(b"PK\x01\x02", at + 4)
    raw[at + 24: at + 28] = (10).to_bytes(4, "little")  # the declared uncompressed size
    liar.write_bytes(bytes(raw))
    refused(central[0], liar, "visits.jsonl")


@pytest.mark.parametrize("name", ["../escape.jsonl", "/etc/passwd", "records/../../x.jsonl",
                                  "records\\..\\x.jsonl", "other.txt"])
def test_paths_leaving_the_archive_or_unknown(central, ann_file, tmp_path, name):
    bad = tmp_path / "paths.zip"
    rezip(ann_file, bad, {name: b"{}\n"})
    refused(central[0], bad, "a name a sync file never uses")


def test_newer_format_version(central, ann_file, tmp_path):
    newer = tmp_path / "newer.zip"
    manifest = json.loads(read_member(ann_file, "manifest.json"))
    manifest["format_version"] = FORMAT_VERSION + 1
    rezip(ann_file, newer, {}, manifest=json.dumps(manifest).encode())
    message = refused(central[0], newer, f"format version {FORMAT_VERSION + 1}",
                      f"reads format version {FORMAT_VERSION}")
    assert "Update linkadviser" in message


def test_record_for_an_unknown_school(central, ann_file, tmp_path):
    """A target naming a school neither the file nor the store knows refuses the whole file."""
    bad = tmp_path / "school.zip"
    member = "records/targets.jsonl"
    lines = read_member(ann_file, member).decode().splitlines()
    record = json.loads(lines[0])
    record["school_id"] = "00000000-0000-0000-0000-00000000dead"
    lines[0] = json.dumps(record, sort_keys=True)
    data = ("\n".join(lines) + "\n").encode()
    manifest = json.loads(read_member(ann_file, "manifest.json"))
    for m in manifest["members"]:
        if m["name"] == member:
            m["sha256"], m["size"] = hashlib.sha256(data).hexdigest(), len(data)
    rezip(ann_file, bad, {member: data}, manifest=json.dumps(manifest).encode())
    refused(central[0], bad, "refers to a school", "00000000-0000-0000-0000-00000000dead",
            "neither in this file nor in this store")


def test_disk_full_half_way(central, adviser_store, ann_file, tmp_path):
    """SQLite reports a full disk part way through writing: the transaction rolls back."""
    store, ids = central
    visit = add_visit(adviser_store, ids["s1"], 3, "third")
    with adviser_store.transaction() as s:
        s.add_all(Attendee(visit_id=visit, name=f"{n} " + "x" * 2000, role="governor")
                  for n in range(300))
    big = tmp_path / "big.zip"
    export_adviser(adviser_store, big, everything=True)
    before = dump(store)
    with disk_full_soon(store), pytest.raises(SyncError, match="disk is full"):
        import_file(store, big)
    assert dump(store) == before


def test_error_after_some_tables_were_written(central, ann_file, monkeypatch):
    store, _ = central
    before = dump(store)
    original = apply_module.Applier._change_log

    def fail(self):
        original(self)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(apply_module.Applier, "_change_log", fail)
    with pytest.raises(OSError):
        import_file(store, ann_file)
    assert dump(store) == before


KILLER = """
import os, signal, sys
from pathlib import Path
from linkadviser.store.db import open_store
from linkadviser.store.models import Attendee
from linkadviser.sync import apply
from linkadviser.sync.importer import import_file

original = apply.Applier._deletions
def killed(self):
    original(self)  # every record is written, the transaction not yet committed
    Path(sys.argv[3]).write_text("written")
    os.kill(os.getpid(), signal.SIGKILL)
apply.Applier._deletions = killed
import_file(open_store(Path(sys.argv[1])), Path(sys.argv[2]))
"""


def test_process_killed_mid_import(central, ann_file, tmp_path):
    store, _ = central
    before = dump(store)
    store.close()
    flag = tmp_path / "flag"
    proc = subprocess.run([sys.executable, "-c", KILLER, str(store.path), str(ann_file),
                           str(flag)], capture_output=True, env=os.environ.copy(), timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    assert flag.read_text() == "written"
    reopened = open_store(store.path)
    try:
        assert reopened.integrity_check() == "ok"
        assert dump(reopened) == before
        import_file(reopened, ann_file)  # and the same file then imports cleanly
        assert dump(reopened) != before
    finally:
        reopened.close()


def test_file_exported_here_is_not_imported_here(adviser_store, ann_file):
    refused(adviser_store, ann_file, "exported from this store itself")


def test_a_file_for_another_adviser(central, adviser_store, tmp_path):
    store, _ = central
    export_central(store, tmp_path / "to-ann.zip", "ann@example.org")
    export_central(store, tmp_path / "to-ben.zip", "ben@example.org")
    import_file(adviser_store, tmp_path / "to-ann.zip")
    refused(adviser_store, tmp_path / "to-ben.zip", "for Ben Adviser")


def _indexes(store) -> set[tuple[str, str]]:
    with store.engine.connect() as conn:
        return set(conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))


def test_indexes_set_aside_for_an_empty_table_are_all_built_again(central, ann_file,
                                                                   monkeypatch):
    """Importing into an empty table drops its plain indexes and builds them again after."""
    store, _ = central
    monkeypatch.setattr(apply_module, "REBUILD_FROM", 1)  # the test file is small
    before = _indexes(store)
    dropped = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def note(conn, cursor, statement, *args):
        if statement.lstrip().startswith("DROP INDEX"):
            dropped.append(statement)

    import_file(store, ann_file)
    event.remove(store.engine, "before_cursor_execute", note)
    assert any("ix_visits_school_id" in s for s in dropped)  # the rebuild did happen
    assert _indexes(store) == before
    assert store.integrity_check() == "ok"


KILLED_WITHOUT_INDEXES = """
import os, signal, sys
from pathlib import Path
from linkadviser.store.db import open_store
from linkadviser.sync import apply
from linkadviser.sync.importer import import_file

apply.REBUILD_FROM = 1
original = apply._insert
def killed(conn, table, rows):
    original(conn, table, rows)
    if table.name == "visits":  # its indexes are dropped, not yet built again
        os.kill(os.getpid(), signal.SIGKILL)
apply._insert = killed
import_file(open_store(Path(sys.argv[1])), Path(sys.argv[2]))
"""


def test_process_killed_while_indexes_are_set_aside(central, ann_file):
    store, _ = central
    before, indexes = dump(store), _indexes(store)
    store.close()
    proc = subprocess.run([sys.executable, "-c", KILLED_WITHOUT_INDEXES, str(store.path),
                           str(ann_file)], capture_output=True, env=os.environ.copy(),
                          timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    reopened = open_store(store.path)
    try:
        assert reopened.integrity_check() == "ok"
        assert dump(reopened) == before
        assert _indexes(reopened) == indexes
    finally:
        reopened.close()
