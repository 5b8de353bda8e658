"""A file from a centre on an earlier release still imports: fields added since may be absent.

Release 0.1.0's schools had no GIAS columns (status, trust, address, predecessor...); its
files have none of those fields. They import, each school taking the value a store gives a
row without the field; a field every release writes is still required.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import select

from linkadviser.store.db import open_store
from linkadviser.store.models import School
from linkadviser.sync.errors import SyncError
from linkadviser.sync.export import export_central
from linkadviser.sync.importer import import_file
from tests.unit.sync.sync_helpers import new_central, read_member, rezip

MEMBER = "records/schools.jsonl"
ADDED_IN_0_2_0 = ("status", "open_date", "close_date", "la_code", "establishment_group",
                  "trust", "address", "predecessor_urn")


def _without(tmp_path, fields: tuple[str, ...]):
    centre, _ids = new_central(tmp_path / "central.sqlite3")
    export_central(centre, tmp_path / "now.zip", "ann@example.org", everything=True)
    centre.close()
    lines = [json.loads(line) for line in read_member(tmp_path / "now.zip", MEMBER).splitlines()]
    for line in lines:
        for field in fields:
            del line[field]
    data = b"".join(json.dumps(line, sort_keys=True).encode() + b"\n" for line in lines)
    manifest = json.loads(read_member(tmp_path / "now.zip", "manifest.json"))
    entry = next(m for m in manifest["members"] if m["name"] == MEMBER)
    entry.update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    older = tmp_path / "older.zip"
    rezip(tmp_path / "now.zip", older, {MEMBER: data}, json.dumps(manifest).encode())
    return older


def test_a_file_without_the_fields_added_since_imports(tmp_path):
    ann = open_store(tmp_path / "ann.sqlite3")
    import_file(ann, _without(tmp_path, ADDED_IN_0_2_0))
    with ann.session() as session:
        schools = session.scalars(select(School).order_by(School.urn)).all()
    assert [s.urn for s in schools if s.in_caseload] == [100001, 100002]
    assert {(s.status, s.trust, s.address, s.predecessor_urn) for s in schools} == {
        ("open", "", "", None)}
    ann.close()


def test_a_field_every_release_writes_is_still_required(tmp_path):
    ann = open_store(tmp_path / "ann.sqlite3")
    with pytest.raises(SyncError, match="schools.jsonl: Object missing required field `name`"):
        import_file(ann, _without(tmp_path, ("name",)))
    ann.close()
