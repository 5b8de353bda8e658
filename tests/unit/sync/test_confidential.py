"""Visit 4 (headteacher performance management) leaves the adviser's store as a date only."""

from __future__ import annotations

import dataclasses
import sqlite3
import zipfile
from datetime import datetime

from sqlalchemy import text

from linkadviser.programme.model import Sync
from linkadviser.store.db import open_store
from linkadviser.store.models import Attendee, ChangeLog
from linkadviser.sync.export import export_adviser, export_central
from linkadviser.sync.importer import import_file
from linkadviser.sync.kinds import all_kinds
from tests.unit.sync.sync_helpers import add_visit, new_store

SECRET = "performance objective only governors may see"
NOW = datetime(2026, 11, 30, 9, 0)


def unzipped(path) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return b"".join(zf.read(n) for n in zf.namelist())


def copy_store(src, dst):
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    a.backup(b)
    a.close()
    b.close()


def test_visit_four_travels_as_date_and_state_only(central, tmp_path, programme):
    centre, ids = central
    store = new_store(tmp_path / "ann.sqlite3")
    export_central(centre, tmp_path / "to-ann.zip", "ann@example.org")
    import_file(store, tmp_path / "to-ann.zip")
    add_visit(store, ids["s1"], 1, "visit one notes")
    v4 = add_visit(store, ids["s1"], 4, SECRET, state="signed")
    with store.transaction() as s:
        s.add(Attendee(visit_id=v4, name="Chair of the pay committee", role="governor"))
        s.add(ChangeLog(device_id=store.device_id, record_type="objective", record_id=v4,
                        action="set", detail=f'{{"text": "{SECRET}"}}'))
    store.close()
    # The same store with visit 4's content never written: only the visit record itself.
    copy_store(tmp_path / "ann.sqlite3", tmp_path / "bare.sqlite3")
    with sqlite3.connect(tmp_path / "bare.sqlite3") as conn:
        parts = [k.name for k in all_kinds() if "visit_id" in k.table.c]
        for table in parts:
            conn.execute(f"DELETE FROM {table} WHERE visit_id = ?", (v4,))
        conn.execute("DELETE FROM change_log WHERE record_id = ?", (v4,))

    full, bare = open_store(tmp_path / "ann.sqlite3"), open_store(tmp_path / "bare.sqlite3")
    try:
        with bare.engine.connect() as conn:  # the copy really lacks the content
            assert conn.execute(text("SELECT count(*) FROM objectives")).scalar() == 0
        report = export_adviser(full, tmp_path / "full.zip", everything=True,
                                programme=programme, now=NOW)
        export_adviser(bare, tmp_path / "bare.zip", everything=True, programme=programme,
                       now=NOW)
        assert (tmp_path / "full.zip").read_bytes() == (tmp_path / "bare.zip").read_bytes()
        assert report.withheld_visits == 1
        contents = unzipped(tmp_path / "full.zip")
        assert SECRET.encode() not in contents and b"pay committee" not in contents
        assert b'"visit_number":4' in contents  # that it took place, and when
        assert b'"visit_date":"2026-10-01"' in contents

        sharing = dataclasses.replace(programme, sync=Sync(share_confidential_content=True))
        export_adviser(full, tmp_path / "shared.zip", everything=True, programme=sharing,
                       now=NOW)
        assert SECRET.encode() in unzipped(tmp_path / "shared.zip")
    finally:
        full.close()
        bare.close()
