"""A store made by the previous release opens in this one, backed up first, with every record."""

from __future__ import annotations

import json
import lzma
from pathlib import Path

from sqlalchemy import text

from linkadviser.store.backups import backups_in
from linkadviser.store.db import open_store
from linkadviser.store.migrate import HEAD_REVISION, current_revision
from linkadviser.visit.content import fingerprint_of
from tests.unit.store.store_dump import columns, dump, rows_in

# Made by linkadviser 0.1.0 (`init --demo`, then `sync export`), the first release in the field.
RELEASE_0_1_0 = Path(__file__).parents[2] / "fixtures" / "stores" / "v0.1.0-demo.sqlite3.xz"


def release_store(tmp_path: Path) -> Path:
    path = tmp_path / "linkadviser.sqlite3"
    path.write_bytes(lzma.decompress(RELEASE_0_1_0.read_bytes()))
    return path


def test_a_0_1_0_store_upgrades_with_a_backup_first_and_keeps_every_record(tmp_path):
    path = release_store(tmp_path)
    copy = tmp_path / "as-released.sqlite3"
    copy.write_bytes(path.read_bytes())
    before = dump(path)
    release_columns = columns(copy)
    old_revision = before["alembic_version"][0][0]

    store = open_store(path)
    try:
        assert current_revision(store.engine) == HEAD_REVISION
        with store.engine.connect() as conn:
            signed = conn.execute(text(
                "SELECT content_json, fingerprint FROM signed_versions")).all()
    finally:
        store.close()

    # every row of every table, as it was in every column the release had
    for table, cols in release_columns.items():
        if table != "alembic_version":
            assert rows_in(path, table, cols) == rows_in(copy, table, cols), table
    backups = backups_in(path, f"before-{HEAD_REVISION}")
    assert len(signed) == 182
    assert all(fingerprint_of(json.loads(content)) == fp for content, fp in signed)
    if old_revision != HEAD_REVISION:
        assert len(backups) == 1 and dump(backups[0]) == before
    else:
        assert backups == []
