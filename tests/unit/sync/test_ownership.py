"""Who sends what: an adviser's file changes only the records of their own schools, and
deletes nothing the centre owns (docs/sync-format.md, "Who sends what")."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from linkadviser.cli import main
from linkadviser.store.models import CaseloadAssignment, Visit
from linkadviser.store.models_data import DataImport, DataRow
from linkadviser.store.models_sync import SyncConflict
from linkadviser.sync import rules
from linkadviser.sync.export import export_adviser, export_central
from linkadviser.sync.importer import import_file
from tests.unit.sync.sync_helpers import YEAR, add_visit, dump, each, forge, new_store

FUTURE = "2099-01-01T00:00:00.000000"
DELETIONS = "deletions.jsonl"


@pytest.fixture
def files(central, adviser_store, tmp_path) -> dict[str, Path]:
    """Ann's file (a visit at her school 1) and Ben's (a visit at his school 3)."""
    store, ids = central
    out = {}
    for who, school, laptop in [("ann", "s1", adviser_store),
                                ("ben", "s3", new_store(tmp_path / "ben.sqlite3"))]:
        export_central(store, tmp_path / f"to-{who}.zip", f"{who}@example.org")
        import_file(laptop, tmp_path / f"to-{who}.zip")
        add_visit(laptop, ids[school], 1, who)
        out[who] = tmp_path / f"from-{who}.zip"
        export_adviser(laptop, out[who])
    return out


def _count(store, model) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _with_data_import(store) -> str:
    with store.transaction() as s:
        record = DataImport(kind="ks4", academic_year=YEAR - 1, filename="ks4.csv",
                            sha256="0" * 64, layout="[]")
        s.add(record)
        s.flush()
        s.add(DataRow(import_id=record.id, entity="england", figures=b""))
        return record.id


def test_deletions_of_what_the_centre_owns_are_not_applied(central, files, tmp_path,
                                                           capsys):
    """The crafted file of the report: every assignment and data import "deleted" by an
    adviser in the future. The merge applies Ann's visit and none of those deletions."""
    store, _ = central
    import_id = _with_data_import(store)
    with store.session() as s:
        assignments = list(s.scalars(select(CaseloadAssignment.id)))

    def centre_owned(records: list[dict]) -> list[dict]:
        return records + [{"deleted_at": FUTURE, "device_id": "x", "id": rid, "table": table}
                          for table, rid in [*(("caseload_assignments", a) for a in assignments),
                                             ("data_imports", import_id)]]

    crafted = forge(files["ann"], tmp_path / "crafted.zip", {DELETIONS: centre_owned})
    assert main(["central", "merge", "--db", str(tmp_path / "central.sqlite3"),
                 str(crafted)]) == 0
    out = capsys.readouterr().out
    assert "Not applied: the sender may change or delete only what it owns" in out
    assert "  3 deletions of caseload assignments: only the centre deletes caseload " \
        "assignments" in out
    assert "  1 deletion of data imports: only the centre deletes data imports" in out
    assert (_count(store, CaseloadAssignment), _count(store, DataImport),
            _count(store, DataRow), _count(store, Visit)) == (3, 1, 1, 1)


def test_an_adviser_may_not_delete_another_advisers_visit(central, files, tmp_path):
    store, _ = central
    import_file(store, files["ben"])
    with store.session() as s:
        bens = s.scalar(select(Visit.id))

    crafted = forge(files["ann"], tmp_path / "crafted.zip", {DELETIONS: lambda records: [
        *records, {"deleted_at": FUTURE, "device_id": "x", "id": bens, "table": "visits"}]})
    report = import_file(store, crafted)
    assert "  1 deletion of visits of schools not assigned to the sender" in report.lines()
    with store.session() as s:
        assert s.get(Visit, bens) is not None


def test_an_adviser_may_still_delete_their_own_records(central, adviser_store, files,
                                                       tmp_path):
    store, _ = central
    import_file(store, files["ann"])
    with adviser_store.transaction() as s:
        s.delete(s.scalars(select(Visit)).one())
    export_adviser(adviser_store, tmp_path / "deleted.zip")
    report = import_file(store, tmp_path / "deleted.zip")
    assert report.changes["visits"]["deleted"] == 1 and "not applied" not in "".join(
        report.lines())


def _kept_apart(store, path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Import the file; what it reported, and the conflicts it kept (table, rule)."""
    report = import_file(store, path)
    with store.session() as s:
        kept = s.execute(select(SyncConflict.table_name, SyncConflict.kind)
                         .order_by(SyncConflict.table_name)).all()
    return report.lines(), [tuple(k) for k in kept]


def test_records_of_a_school_not_assigned_to_the_sender_are_kept_apart(central, files,
                                                                       tmp_path):
    """Ann's visit moved to Ben's school in her file: not applied, kept for review; the
    rest of her file (here, nothing else) is applied."""
    store, ids = central

    def to_bens_school(record: dict) -> None:
        record["school_id"] = ids["s3"]

    crafted = forge(files["ann"], tmp_path / "crafted.zip", {
        "records/visits.jsonl": each(to_bens_school),
        "records/targets.jsonl": each(to_bens_school),
        "records/action_points.jsonl": each(to_bens_school)})
    lines, kept = _kept_apart(store, crafted)
    assert "  5 records of school 100003 (School 3), not assigned to the sender: kept for " \
        "review as conflicts" in lines
    assert ("visits", rules.NOT_THE_SENDERS) in kept and len(kept) == 5
    assert _count(store, Visit) == 0


def test_a_record_cannot_be_taken_out_of_another_advisers_school(central, files, tmp_path):
    """Ben's visit, already at the centre, named in Ann's file as a later visit of Ann's
    school: Ben's stays as it was."""
    store, _ = central
    import_file(store, files["ben"])
    with store.session() as s:
        bens = s.scalars(select(Visit)).one()
    later = datetime(2099, 1, 1).isoformat(timespec="microseconds")
    crafted = forge(files["ann"], tmp_path / "crafted.zip", {
        "records/visits.jsonl": each(lambda r: r.update(id=bens.id, modified_at=later)),
        "records/agenda_notes.jsonl": lambda _records: [],
        "records/section_texts.jsonl": lambda _records: [],
        "records/targets.jsonl": lambda _records: [],
        "records/action_points.jsonl": lambda _records: []})
    lines, kept = _kept_apart(store, crafted)
    assert kept == [("visits", rules.NOT_THE_SENDERS)]
    assert any("  1 record of school 100003 (School 3)" in line for line in lines)
    with store.session() as s:
        assert s.get(Visit, bens.id).school_id == bens.school_id
        assert s.get(Visit, bens.id).modified_at == bens.modified_at


def test_an_adviser_file_claiming_to_be_the_centre_is_refused_by_the_merge(
        central, files, tmp_path):
    import json

    from linkadviser.authority.central import MergeRefused, merge_files
    from tests.unit.sync.sync_helpers import read_member, rezip

    store, _ = central
    manifest = json.loads(read_member(files["ann"], "manifest.json"))
    manifest["origin"]["role"] = "centre"
    crafted = tmp_path / "crafted.zip"
    rezip(files["ann"], crafted, {}, manifest=json.dumps(manifest).encode())
    before = dump(store)
    with pytest.raises(MergeRefused) as refused:
        merge_files(store, [crafted])
    assert "crafted.zip" in str(refused.value) and "'centre'" in str(refused.value)
    assert dump(store) == before
