"""Values with a closed set are checked against the programme on import, so a value nobody
knows is never stored (a visit in state "hacked" broke `visits --school` and `render`)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from linkadviser.cli import main
from linkadviser.store.models import (
    ChargeableService,
    ChecklistTick,
    QAConfirmation,
    SefGrade,
    Visit,
)
from linkadviser.sync.errors import SyncError
from linkadviser.sync.export import export_adviser, export_central
from linkadviser.sync.importer import import_file
from tests.unit.sync.sync_helpers import YEAR, add_visit, dump, each, forge


@pytest.fixture
def ann_file(central, adviser_store, tmp_path) -> Path:
    """Ann's file: visit 1 and visit 2 with a tick, a SEF grade, a QA confirmation, and an
    extra service taken by her school; every value one the programme knows."""
    store, ids = central
    export_central(store, tmp_path / "to-ann.zip", "ann@example.org")
    import_file(adviser_store, tmp_path / "to-ann.zip")
    add_visit(adviser_store, ids["s1"], 1, "first")
    visit = add_visit(adviser_store, ids["s2"], 2, "second")
    with adviser_store.transaction() as s:
        s.add(ChecklistTick(visit_id=visit, item_key="sef-two-weeks", ticked=True))
        # a 2026/27 visit 2 grades the report-card areas (from 2025/26) on the five-point scale
        s.add(SefGrade(visit_id=visit, area_key="inclusion", school_grade=2, agreed_grade=3))
        s.add(QAConfirmation(visit_id=visit, criterion_key="self-evaluation-tool",
                             confirmed=True))
        s.add(ChargeableService(school_id=ids["s1"], academic_year=YEAR,
                                service_key="brokering", taken_on=date(YEAR, 10, 5)))
    path = tmp_path / "from-ann.zip"
    export_adviser(adviser_store, path)
    return path


def test_the_file_as_made_imports(central, ann_file):
    report = import_file(central[0], ann_file)
    assert report.changes["sef_grades"]["added"] == 1
    assert report.changes["chargeable_services"]["added"] == 1


CRAFTED = [  # member, field, value, what the refusal says
    ("visits", "state", "hacked", "which is not a state a visit can be in"),
    ("visits", "visit_number", 99, "which is not a visit of the programme it follows"),
    ("visits", "programme_version", "9.9", "which neither this file nor this store holds"),
    ("agenda_notes", "item_key", "no-such-item", "which is not an agenda item of its visit"),
    ("checklist_ticks", "item_key", "x", "which is not a checklist item or task of its visit"),
    ("section_texts", "section_key", "x", "which is not a section of its visit"),
    ("sef_grades", "area_key", "x", "which is not a self-evaluation area of its visit"),
    ("sef_grades", "agreed_grade", 7,
     "which is not a grade of its visit (it may be 1, 2, 3, 4, 5)"),
    ("qa_confirmations", "criterion_key", "x", "which is not a QA criterion of its visit"),
    ("action_points", "status", "hacked",
     "which is not a status an action point can have (it may be 'done', 'dropped', 'open')"),
    ("chargeable_services", "service_key", '=HYPERLINK("http://x","invoice")',
     "which is not a chargeable service of the programme"),
]


@pytest.mark.parametrize(("table", "field", "value", "words"), CRAFTED,
                         ids=[f"{t}.{f}" for t, f, _v, _w in CRAFTED])
def test_a_value_outside_its_closed_set_refuses_the_file(central, ann_file, tmp_path,
                                                         table, field, value, words):
    store, _ = central
    crafted = forge(ann_file, tmp_path / "crafted.zip",
                    {f"records/{table}.jsonl": each(lambda r: r.update({field: value}))})
    before = dump(store)
    with pytest.raises(SyncError) as refused:
        import_file(store, crafted)
    message = str(refused.value)
    assert f"records/{table}.jsonl" in message and words in message
    assert "ask the sender to export it again" in message or "--all" in message
    assert dump(store) == before


def test_the_command_says_so_in_one_line(central, ann_file, tmp_path, capsys):
    """One line on stderr, exit 2, naming the value (it was stored before, and broke
    `visits --school` and `render` with KeyError)."""
    crafted = forge(ann_file, tmp_path / "crafted.zip",
                    {"records/visits.jsonl": each(lambda r: r.update(state="hacked"))})
    db = str(tmp_path / "central.sqlite3")
    assert main(["sync", "import", "--db", db, str(crafted)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'hacked'" in err


def test_a_centre_file_with_an_unknown_grade_or_data_kind_is_refused(central, adviser_store,
                                                                      tmp_path):
    store, _ = central
    export_central(store, tmp_path / "to-ann.zip", "ann@example.org")
    crafted = forge(tmp_path / "to-ann.zip", tmp_path / "crafted.zip",
                    {"records/schools.jsonl": each(lambda r: r.update(ofsted_grade=9))})
    before = dump(adviser_store)
    with pytest.raises(SyncError, match="ofsted_grade 9, which is not a grade"):
        import_file(adviser_store, crafted)
    crafted = forge(tmp_path / "to-ann.zip", tmp_path / "crafted-2.zip",
                    {"records/data_imports.jsonl": lambda _r: [{
                        "academic_year": YEAR, "comparator_rows": 0, "device_id": "x",
                        "figures": 0, "filename": "f.csv", "id": "d" * 36,
                        "imported_at": "2026-11-01T00:00:00.000000", "kind": "evil",
                        "layout": "[]", "modified_at": "2026-11-01T00:00:00.000000",
                        "schools_for_comparison": 0, "schools_in_caseload": 0,
                        "sha256": "0" * 64, "suppressed": 0}]})
    with pytest.raises(SyncError, match="kind 'evil', which is not a kind of data file"):
        import_file(adviser_store, crafted)
    assert dump(adviser_store) == before


def test_a_whole_number_beyond_32_bits_is_refused(central, ann_file, tmp_path):
    """PostgreSQL's integer is 32 bits: a larger value stopped a central merge there with a
    database error rather than a refusal naming the file's value."""
    crafted = forge(ann_file, tmp_path / "crafted.zip",
                    {"records/action_points.jsonl": each(lambda r: r.update(position=2**40))})
    with pytest.raises(SyncError, match=r"records/action_points.jsonl: .*<= 2147483647"):
        import_file(central[0], crafted)


def test_a_programme_version_under_another_name_is_refused(central, ann_file, adviser_store,
                                                           tmp_path):
    from linkadviser.programme import default_programme
    from linkadviser.programme.registry import ProgrammeRegistry
    from linkadviser.sync.programme_source import programme_text

    ProgrammeRegistry(adviser_store, default_programme(), lambda: programme_text(adviser_store))
    export_adviser(adviser_store, tmp_path / "with-programme.zip", everything=True)
    crafted = forge(tmp_path / "with-programme.zip", tmp_path / "crafted.zip", {
        "records/programme_versions.jsonl": each(lambda r: r.update(version="2099.1"))})
    with pytest.raises(SyncError, match="holds the text of programme"):
        import_file(central[0], crafted)


@pytest.mark.parametrize(("field", "value", "words"), [
    ("scope", "everything", "its scope is 'everything'"),
    ("origin", {"device_id": "d", "role": "hacker"}, "comes from 'hacker'"),
])
def test_a_manifest_value_outside_its_set_is_refused(central, ann_file, tmp_path, field,
                                                     value, words):
    import json

    from tests.unit.sync.sync_helpers import read_member, rezip

    manifest = json.loads(read_member(ann_file, "manifest.json"))
    manifest[field] = value
    rezip(ann_file, tmp_path / "crafted.zip", {}, manifest=json.dumps(manifest).encode())
    with pytest.raises(SyncError, match=words):
        import_file(central[0], tmp_path / "crafted.zip")


def test_a_part_of_a_visit_the_file_does_not_carry_is_checked_against_that_visit(
        central, adviser_store, ann_file, tmp_path):
    """A changes-only file brings a tick for a visit the centre already holds: its item is
    checked against that stored visit's programme, and refused when not one of its own (the
    per-visit scopes are worked out once, for stored visits too)."""
    store, _ = central
    import_file(store, ann_file)
    with adviser_store.transaction() as s:
        visit = s.scalars(select(Visit.id).where(Visit.visit_number == 1)).one()
        s.add(ChecklistTick(visit_id=visit, item_key="no-such-item", ticked=True))
    later = tmp_path / "later.zip"
    export_adviser(adviser_store, later)
    assert visit not in zipfile.ZipFile(later).read("records/visits.jsonl").decode()
    before = dump(store)
    with pytest.raises(SyncError, match="'no-such-item', which is not a checklist item or task "
                                        "of its visit"):
        import_file(store, later)
    assert dump(store) == before
