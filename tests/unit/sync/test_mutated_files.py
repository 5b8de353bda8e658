"""Mutated sync files: the importer refuses with a SyncError and leaves the store untouched,
or (when the mutation left a valid file) imports it; it never crashes."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkadviser.store.db import open_store
from linkadviser.sync.errors import SyncError
from linkadviser.sync.importer import import_file
from tests.crafted import sync_exchange
from tests.unit.sync.sync_helpers import dump, read_member, rezip

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A central store and a valid file from Ann, made once for all examples."""
    return sync_exchange(tmp_path_factory.mktemp("mutations"))


def check(template: Path, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "central.sqlite3"
        src, dst = sqlite3.connect(template / "central.sqlite3"), sqlite3.connect(db)
        src.backup(dst)
        src.close()
        dst.close()
        store = open_store(db)
        try:
            before = dump(store)
            (Path(tmp) / "in.zip").write_bytes(data)
            try:
                import_file(store, Path(tmp) / "in.zip")
            except SyncError as exc:
                assert str(exc) and "\n" not in str(exc)
                assert dump(store) == before
        finally:
            store.close()


@SETTINGS
@given(data=st.data())
def test_flipped_bytes(template, data):
    raw = bytearray((template / "from-ann.zip").read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    check(template, bytes(raw))


@SETTINGS
@given(cut=st.integers(0, 10_000))
def test_cut_short(template, cut):
    raw = (template / "from-ann.zip").read_bytes()
    check(template, raw[: cut % len(raw)])


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=5)


@SETTINGS
@given(data=st.data())
def test_records_changed_and_checksums_recomputed(template, data):
    """Past the checksums: wrong types, missing and extra fields, broken lines, bad ids."""
    source = template / "from-ann.zip"
    manifest = json.loads(read_member(source, "manifest.json"))
    names = [m["name"] for m in manifest["members"] if m["size"]]
    name = data.draw(st.sampled_from(names))
    lines = read_member(source, name).decode().splitlines()
    n = data.draw(st.integers(0, len(lines) - 1))
    how = data.draw(st.sampled_from(["value", "drop", "add", "garble", "duplicate"]))
    record = json.loads(lines[n])
    key = data.draw(st.sampled_from(sorted(record)))
    if how == "value":
        record[key] = data.draw(JSON_VALUES)
    elif how == "drop":
        del record[key]
    elif how == "add":
        record[data.draw(st.text(min_size=1, max_size=8))] = data.draw(JSON_VALUES)
    lines[n] = json.dumps(record, sort_keys=True)
    if how == "garble":
        lines[n] = lines[n][: data.draw(st.integers(0, len(lines[n])))]
    if how == "duplicate":
        lines.append(lines[n])
    body = ("\n".join(lines) + "\n").encode()
    for m in manifest["members"]:
        if m["name"] == name:
            m["sha256"], m["size"] = hashlib.sha256(body).hexdigest(), len(body)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "x.zip"
        rezip(source, out, {name: body}, manifest=json.dumps(manifest).encode())
        check(template, out.read_bytes())


def test_the_unmutated_file_imports(template):
    """The property above is only meaningful if the original file does import."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(template / "central.sqlite3", Path(tmp) / "c.sqlite3")
        store = open_store(Path(tmp) / "c.sqlite3")
        try:
            assert import_file(store, template / "from-ann.zip").changes["visits"]["added"] == 2
        finally:
            store.close()
