"""Export reads rows from the DBAPI cursor, not SQLAlchemy's rows: the file must not change.

The oracle is the ORM path the export used before: the same queries, read as SQLAlchemy
``Row``s (every value through SQLAlchemy's processors) and encoded a line at a time. Both
exports run with the same ``now`` so even the manifest matches, on SQLite and on PostgreSQL
(where the central store may live), over values chosen to be awkward to write.
"""

from __future__ import annotations

import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from linkadviser.authority.central import open_central
from linkadviser.store.base import Base
from linkadviser.store.db import Store, open_store
from linkadviser.store.models import (
    AgendaNote,
    Amendment,
    ChangeLog,
    ChecklistTick,
    DocumentRequest,
    Objective,
    School,
    Signature,
    SignedVersion,
    Target,
    Visit,
)
from linkadviser.sync import select as selection
from linkadviser.sync.export import export_adviser, export_central
from linkadviser.sync.fetch import Fetched
from linkadviser.sync.records import encode_tuples, join_lines
from tests.pg import pg_server, pg_url  # noqa: F401 - fixtures for the PostgreSQL case
from tests.unit.sync.sync_helpers import YEAR, add_visit, new_central

NOW = datetime(2026, 11, 26, 12, 0, 0, 123456)
ODD_TEXT = 'caf\u00e9 \u2028 "quoted" \\ back\nslash\t\x01 \U0001f600 </script>'
NO_FRACTION = datetime(2026, 1, 2, 3, 4, 5)  # microsecond 0: msgspec writes no fraction


def _orm_fetch(conn, columns, where) -> Fetched:
    return Fetched(list(conn.execute(select(*columns).where(*where)).all()), [])


def _orm_encode_lines(kind_name, rows, processors=()) -> bytes:
    return join_lines(encode_tuples(kind_name, rows, processors))


def _awkward(store: Store, school_id: str) -> None:
    visit_id = add_visit(store, school_id, 1, note=ODD_TEXT, state="signed")
    with store.transaction() as s:
        s.info["keep_stamps"] = True  # keep the stamps given here
        visit = s.get(Visit, visit_id)
        visit.planned_date = None
        visit.modified_at = NO_FRACTION
        s.add_all([
            ChecklistTick(visit_id=visit_id, item_key="a", ticked=True, evidence="",
                          modified_at=datetime(2026, 1, 2, 3, 4, 5, 1), device_id="d"),
            ChecklistTick(visit_id=visit_id, item_key="b", ticked=False, evidence=ODD_TEXT,
                          modified_at=NO_FRACTION, device_id=""),
            DocumentRequest(visit_id=visit_id, title="SEF", due_date=None, received=True,
                            modified_at=NO_FRACTION, device_id="d"),
            Target(visit_id=visit_id, school_id=school_id, for_year=YEAR, measure="KS2",
                   baseline=None, target=0.1 + 0.2, outcome=1e16, agreed=True,
                   modified_at=NO_FRACTION, device_id="d"),
            Signature(visit_id=visit_id, version=1, role="adviser", name=ODD_TEXT,
                      signed_on=date(999, 1, 2), image_png=bytes(range(256)),
                      modified_at=NO_FRACTION, device_id="d"),
            Amendment(visit_id=visit_id, amends_version=1, reason=ODD_TEXT,
                      created_at=datetime(2026, 5, 6, 7, 8, 9, 999999),
                      modified_at=NO_FRACTION, device_id="d"),
            ChangeLog(at=NO_FRACTION, device_id="d", record_type="visits", record_id=visit_id,
                      action="edit", detail=ODD_TEXT),
        ])
        school = s.get(School, school_id)
        school.percent_fsm, school.ofsted_date = -0.0, date(2024, 2, 29)
        s.flush()
        signed = s.scalars(select(SignedVersion).where(SignedVersion.visit_id == visit_id)).one()
        signed.signed_at = NO_FRACTION


def _exports(store: Store, folder: Path, ann: str, everything: bool,
             now: datetime | None = NOW) -> dict[str, bytes]:
    adviser, central = folder / "adviser.zip", folder / "central.zip"
    export_adviser(store, adviser, everything=everything, now=now)
    export_central(store, central, ann, everything=everything, now=now)
    return {"adviser": adviser.read_bytes(), "central": central.read_bytes()}


def _orm_exports(store: Store, folder: Path, ann: str, everything: bool,
                 monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    with monkeypatch.context() as patch:
        patch.setattr(selection, "fetch_values", _orm_fetch)
        patch.setattr(selection, "encode_lines", _orm_encode_lines)
        return _exports(store, folder, ann, everything)


def _both(fast_store: Store, orm_store: Store, folder: Path, ann: str, everything: bool,
          monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The files as exported now, and by the ORM path; the stores are closed after."""
    try:
        (folder / "fast").mkdir()
        (folder / "orm").mkdir()
        return (_exports(fast_store, folder / "fast", ann, everything),
                _orm_exports(orm_store, folder / "orm", ann, everything, monkeypatch))
    finally:
        fast_store.close()
        orm_store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return request.getfixturevalue("pg_url")


def test_the_file_is_the_orm_paths_byte_for_byte(store_url, tmp_path, monkeypatch) -> None:
    built, ids = new_central(tmp_path / "built.sqlite3")
    _awkward(built, ids["s1"])
    built.close()
    store = open_central(store_url)
    if store_url.startswith("postgresql"):
        _copy_rows(open_store(tmp_path / "built.sqlite3"), store)
    else:
        store.close()
        shutil.copyfile(tmp_path / "built.sqlite3", store_url.removeprefix("sqlite:///"))
        store = open_store(Path(store_url.removeprefix("sqlite:///")))
    fast, orm = _both(store, store, tmp_path, ids["ann"], True, monkeypatch)
    assert fast == orm
    with zipfile.ZipFile(tmp_path / "fast" / "adviser.zip") as zf:
        ticks = zf.read("records/checklist_ticks.jsonl")
        targets = zf.read("records/targets.jsonl")
        signatures = zf.read("records/signatures.jsonl")
    assert b'"modified_at":"2026-01-02T03:04:05","ticked":false' in ticks
    assert b'"modified_at":"2026-01-02T03:04:05.000001","ticked":true' in ticks
    assert b'"outcome":1e16' in targets and b'"target":0.30000000000000004' in targets
    assert b'"signed_on":"0999-01-02"' in signatures
    assert ODD_TEXT.encode() not in ticks  # escaped, as msgspec escapes it
    assert b'caf\xc3\xa9 \xe2\x80\xa8 \\"quoted\\" \\\\ back\\nslash\\t\\u0001' in ticks


@pytest.mark.parametrize("few", [selection.FEW_LOG_ENTRIES, 0])
def test_an_incremental_export_is_the_orm_paths_byte_for_byte(tmp_path, monkeypatch,
                                                               few: int) -> None:
    """After a first exchange, a few edits: a deletion, log entries, a changed tick. The
    audit entries travel by the same rule whether they are looked up one by one or not."""
    monkeypatch.setattr(selection, "FEW_LOG_ENTRIES", few)
    store, ids = new_central(tmp_path / "fast.sqlite3")
    _awkward(store, ids["s1"])
    _exports(store, tmp_path, ids["ann"], everything=True, now=None)  # the clock's now
    add_visit(store, ids["s2"], 2, note=ODD_TEXT)
    confidential = add_visit(store, ids["s2"], 4, note="governors only")
    with store.transaction() as s:
        s.get(ChecklistTick, s.scalars(select(ChecklistTick.id)).first()).evidence = "seen"
        s.delete(s.scalars(select(AgendaNote)).first())
        objective = s.scalars(select(Objective.id).where(Objective.visit_id == confidential))
        for record_type, record_id in [("schools", ids["s2"]), ("schools", ids["s3"]),
                                       ("objectives", objective.one())]:
            s.add(ChangeLog(device_id="d", record_type=record_type, record_id=record_id,
                            action="edit", detail=ODD_TEXT))
    store.close()
    shutil.copyfile(tmp_path / "fast.sqlite3", tmp_path / "orm.sqlite3")
    fast, orm = _both(open_store(tmp_path / "fast.sqlite3"), open_store(tmp_path / "orm.sqlite3"),
                      tmp_path, ids["ann"], False, monkeypatch)
    assert fast == orm
    with zipfile.ZipFile(tmp_path / "fast" / "central.zip") as zf:
        assert b'"evidence":"seen"' in zf.read("records/checklist_ticks.jsonl")
        assert zf.read("deletions.jsonl").count(b"\n") == 1
        to_ann = zf.read("records/change_log.jsonl")
    with zipfile.ZipFile(tmp_path / "fast" / "adviser.zip") as zf:
        to_centre = zf.read("records/change_log.jsonl")
    assert [ids["s2"].encode() in to_ann, ids["s3"].encode() in to_ann] == [True, False]
    assert [ids["s2"].encode() in to_centre, ids["s3"].encode() in to_centre] == [True, True]
    assert b"objectives" not in to_ann + to_centre  # the hidden visit's entry stays


def _copy_rows(source: Store, target: Store) -> None:
    """Every row of the SQLite store into the PostgreSQL one, parents first."""
    with source.engine.connect() as src, target.engine.begin() as dst:
        for table in Base.metadata.sorted_tables:
            rows = [dict(r._mapping) for r in src.execute(select(table))]
            if table.name == "meta":
                continue
            if rows:
                dst.execute(table.insert(), rows)
    source.close()
