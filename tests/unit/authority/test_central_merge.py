"""The centre's round trip: files out to advisers, their work back, merged, reported on."""

import os
import signal
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import delete, inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.schema import CreateIndex

from linkadviser.authority.central import (
    MergeRefused,
    export_for_advisers,
    merge_files,
    open_central,
)
from linkadviser.authority.report import build_report
from linkadviser.cli import main
from linkadviser.programme import default_programme
from linkadviser.store.db import open_store
from linkadviser.store.models import ActionPoint, School, Target, Visit
from linkadviser.sync import apply as apply_module
from linkadviser.sync.export import export_adviser
from linkadviser.sync.importer import StoreFault, import_file
from tests.unit.authority.county import TODAY, YEAR, build_county

PROGRAMME = default_programme()


@pytest.fixture(params=["sqlite", "postgresql"])
def central_db(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "central.sqlite3")
    return request.getfixturevalue("pg_url")


def _adviser_does_a_visit(store, school_name: str) -> None:
    with store.transaction() as s:
        school = s.query(School).filter_by(name=school_name).one()
        visit = Visit(school_id=school.id, academic_year=YEAR, visit_number=1,
                      programme_id=PROGRAMME.id, programme_version=PROGRAMME.version,
                      state="ready_to_sign",
                      visit_date=date(2026, 11, 20))
        s.add(visit)
        s.flush()
        s.add(ActionPoint(visit_id=visit.id, school_id=school.id, text="Governors' review",
                          due_date=date(2027, 1, 31)))


def test_round_trip_through_the_central_store(central_db, programme, tmp_path, capsys):
    central = open_central(central_db)
    build_county(central)
    outgoing = export_for_advisers(central, tmp_path / "first", everything=True)
    assert [f.adviser for f in outgoing] == ["Ann Adviser", "Bob Adviser"]
    central.close()
    assert main(["central", "export", "--db", central_db, "-o", str(tmp_path / "out"),
                 "--adviser", "Ann Adviser", "--everything"]) == 0
    assert "1 adviser file in" in capsys.readouterr().out

    ann_file = tmp_path / "out" / "for-ann-adviser.zip"
    ann = open_store(tmp_path / "ann.sqlite3")
    import_file(ann, ann_file)
    with ann.session() as s:  # Ann receives her three schools only
        assert s.query(School).filter_by(in_caseload=True).count() == 3
    _adviser_does_a_visit(ann, "Cedar Primary")
    back = tmp_path / "from-ann.zip"
    export_adviser(ann, back, everything=True)
    ann.close()

    assert main(["central", "merge", "--db", central_db, str(back)]) == 0
    assert "Imported" in capsys.readouterr().out
    assert main(["central", "merge", "--db", central_db, str(back)]) == 0
    assert "was imported before" in capsys.readouterr().out  # idempotent

    central = open_central(central_db)
    try:
        report = build_report(central, programme, TODAY, record_snapshot=False)
    finally:
        central.close()
    autumn = next(r for r in report.delivery.rows
                  if (r.adviser, r.term) == ("Ann Adviser", "autumn"))
    assert (autumn.done, autumn.not_signed) == (3, 2)  # Cedar's visit 1 arrived unsigned


def test_merge_is_all_or_nothing_per_file(central_db, tmp_path):
    central = open_central(central_db)
    build_county(central)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a sync file")
    from linkadviser.sync.errors import SyncError

    with pytest.raises(SyncError):
        merge_files(central, [bad])
    with central.session() as s:
        assert s.query(Visit).count() == 2
    central.close()


def _files_from_both_advisers(central, tmp_path) -> dict[str, object]:
    """Ann's and Bob's files back to the centre, each with one new visit."""
    outgoing = export_for_advisers(central, tmp_path / "out", everything=True)
    files = {}
    for sent, school in zip(outgoing, ["Cedar Primary", "Elm Academy"], strict=True):
        name = sent.adviser.split()[0].lower()
        store = open_store(tmp_path / f"{name}.sqlite3")
        import_file(store, sent.path)
        _adviser_does_a_visit(store, school)
        files[name] = tmp_path / f"from-{name}.zip"
        export_adviser(store, files[name], everything=True)
        store.close()
    return files


def _county_with_files(central_db, tmp_path) -> tuple[object, dict[str, object]]:
    """The central store with its county, and a file back from each of its two advisers."""
    central = open_central(central_db)
    build_county(central)
    return central, _files_from_both_advisers(central, tmp_path)


def _visited(central) -> set[str]:
    with central.session() as s:
        return set(s.scalars(select(School.name).join(Visit, Visit.school_id == School.id)))


def test_a_damaged_file_in_a_merge_is_refused_alone(central_db, tmp_path):
    central, files = _county_with_files(central_db, tmp_path)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(files["bob"].read_bytes()[:-100])  # cut short on the memory stick
    with pytest.raises(MergeRefused) as refused:
        merge_files(central, [files["ann"], bad, files["bob"]])
    assert "bad.zip" in str(refused.value) and "from-ann" not in str(refused.value)
    assert [line for line in refused.value.lines if line.startswith("Imported")] == [
        f"Imported {files['ann']} from adviser Ann Adviser: 2 changes.",
        f"Imported {files['bob']} from adviser Bob Adviser: 2 changes.",
    ]
    assert {"Cedar Primary", "Elm Academy"} <= _visited(central)
    central.close()


def test_merge_command_says_what_it_merged_and_what_it_refused(central_db, tmp_path, capsys):
    central, files = _county_with_files(central_db, tmp_path)
    central.close()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(files["bob"].read_bytes()[:-100])
    assert main(["central", "merge", "--db", central_db, str(files["ann"]), str(bad)]) == 2
    out, err = capsys.readouterr()
    assert f"Imported {files['ann']} from adviser Ann Adviser" in out
    assert err.count("\n") == 1 and "bad.zip" in err and "other files were merged" in err


def test_a_file_failing_half_way_is_rolled_back_alone(central_db, tmp_path, monkeypatch):
    """Bob's records were being written when the store refused one: his file is undone to its
    savepoint, Ann's (before and after it in the same transaction) are kept."""
    central, files = _county_with_files(central_db, tmp_path)
    original = apply_module.Applier._deletions

    def fails_for_bob(self):
        original(self)  # every one of Bob's records is written by now
        if self.incoming.origin.name == "Bob Adviser":
            raise IntegrityError("INSERT ...", {}, Exception("a record does not fit"))

    monkeypatch.setattr(apply_module.Applier, "_deletions", fails_for_bob)
    with pytest.raises(MergeRefused, match="from-bob.zip") as refused:
        merge_files(central, [files["bob"], files["ann"]])
    assert "do not fit this store" in str(refused.value)
    assert "Cedar Primary" in _visited(central) and "Elm Academy" not in _visited(central)
    monkeypatch.undo()
    merge_files(central, [files["bob"], files["ann"]])  # Bob's file then merges; Ann's again
    assert {"Cedar Primary", "Elm Academy"} <= _visited(central)
    central.close()


def test_a_store_fault_rolls_back_the_whole_merge(central_db, tmp_path, monkeypatch):
    central, files = _county_with_files(central_db, tmp_path)
    before = _visited(central)
    original = apply_module.Applier._deletions

    def disk_full_for_bob(self):
        original(self)
        if self.incoming.origin.name == "Bob Adviser":
            raise OperationalError("INSERT ...", {}, Exception("database or disk is full"))

    monkeypatch.setattr(apply_module.Applier, "_deletions", disk_full_for_bob)
    with pytest.raises(StoreFault, match="disk is full"):
        merge_files(central, [files["ann"], files["bob"]])
    assert _visited(central) == before  # Ann's file too: nothing of the merge was kept
    central.close()


def _index_names(central) -> set[str]:
    found = inspect(central.engine)
    return {ix["name"] for t in found.get_table_names() for ix in found.get_indexes(t)}


def test_indexes_set_aside_for_an_empty_table_are_built_again(central_db, tmp_path,
                                                             monkeypatch):
    central, files = _county_with_files(central_db, tmp_path)
    with central.transaction() as s:  # the new action points arrive into an empty table
        s.execute(delete(ActionPoint))
    monkeypatch.setattr(apply_module, "REBUILD_FROM", 1)  # the test files are small
    built = []
    monkeypatch.setattr(apply_module, "CreateIndex", lambda ix: built.append(ix.name) or
                        CreateIndex(ix))
    before = _index_names(central)
    merge_files(central, [files["ann"], files["bob"]])
    assert built.count("ix_action_points_visit_id") == 1  # once for the merge, not per file
    assert _index_names(central) == before
    with central.session() as s:  # the two made by the advisers (the others deleted here)
        assert s.query(ActionPoint).count() == 2
    central.close()


KILLED_MERGE = """
import os, signal, sys
from pathlib import Path
from linkadviser.authority.central import merge_files, open_central
from linkadviser.sync import apply

original = apply.Applier._deletions
def killed(self):
    original(self)  # the second file's records are written, the merge not yet committed
    if self.incoming.origin.name == "Bob Adviser":
        os.kill(os.getpid(), signal.SIGKILL)
apply.Applier._deletions = killed
merge_files(open_central(sys.argv[1]), [Path(p) for p in sys.argv[2:]])
"""


def test_process_killed_mid_merge_leaves_the_store_as_it_was(tmp_path):
    db = str(tmp_path / "central.sqlite3")
    central = open_central(db)
    build_county(central)
    files = _files_from_both_advisers(central, tmp_path)
    with central.transaction() as s:  # action points' indexes are set aside by the merge
        s.execute(delete(ActionPoint))
    before, indexes = _visited(central), _index_names(central)
    central.close()
    proc = subprocess.run([sys.executable, "-c", KILLED_MERGE, db, str(files["ann"]),
                           str(files["bob"])], capture_output=True, env=os.environ.copy(),
                          timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    central = open_central(db)
    try:
        assert central.integrity_check() == "ok"
        assert _visited(central) == before  # Ann's file, merged first, is not kept either
        assert _index_names(central) == indexes
        merge_files(central, [files["ann"], files["bob"]])  # and the merge then runs cleanly
        assert {"Cedar Primary", "Elm Academy"} <= _visited(central)
    finally:
        central.close()


def test_a_record_merged_twice_in_one_merge_is_updated_not_added(central_db, tmp_path):
    """Two files from Ann in one merge, the second editing a record the first brought into a
    table that was empty when the merge began: it is found and updated."""
    central = open_central(central_db)
    build_county(central)
    with central.transaction() as s:
        s.execute(delete(ActionPoint))
    sent = export_for_advisers(central, tmp_path / "out", everything=True)[0]
    ann = open_store(tmp_path / "ann.sqlite3")
    import_file(ann, sent.path)
    _adviser_does_a_visit(ann, "Cedar Primary")
    export_adviser(ann, tmp_path / "first.zip", everything=True)
    with ann.transaction() as s:
        s.query(ActionPoint).one().text = "Governors' review, brought forward"
    export_adviser(ann, tmp_path / "second.zip", everything=True)
    ann.close()
    lines = merge_files(central, [tmp_path / "first.zip", tmp_path / "second.zip"])
    assert "  action points: 1 updated" in lines
    with central.session() as s:
        assert [a.text for a in s.query(ActionPoint)] == ["Governors' review, brought forward"]
    central.close()


def test_a_clash_with_a_record_an_earlier_file_of_the_merge_brought(central_db, tmp_path):
    """Ann's two laptops both made visit 1 at Cedar, into a visits table that was empty when
    the merge began: the second is kept apart as a conflict, the file is not refused."""
    central = open_central(central_db)
    build_county(central)
    with central.transaction() as s:
        s.execute(delete(ActionPoint))
        s.execute(delete(Target))
        s.execute(delete(Visit))
    sent = export_for_advisers(central, tmp_path / "out", everything=True)[0]
    files = []
    for n in (1, 2):
        laptop = open_store(tmp_path / f"laptop-{n}.sqlite3")
        import_file(laptop, sent.path)
        with laptop.transaction() as s:
            school = s.query(School).filter_by(name="Cedar Primary").one()
            s.add(Visit(school_id=school.id, academic_year=YEAR, visit_number=1,
                        programme_id=PROGRAMME.id, programme_version=PROGRAMME.version,
                        state="planned",
                        planned_date=date(2026, 12, n)))
        files.append(tmp_path / f"from-laptop-{n}.zip")
        export_adviser(laptop, files[-1], everything=True)
        laptop.close()
    lines = merge_files(central, files)
    assert any("the same record was created in both places" in line for line in lines), lines
    with central.session() as s:
        assert [v.planned_date for v in s.query(Visit)] == [date(2026, 12, 1)]
    central.close()
