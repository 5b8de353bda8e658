"""Report cards travel on their school's data row in the compact form (sync format 3). Files
of formats 1 and 2, which carry them in a member of their own (format 1 naming every area and
date in full), still import and show the same cards; a card that cannot be read, or whose
school's row is not in the file, refuses the file and changes nothing."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from linkadviser.data.importer import import_file
from linkadviser.data.judgements import AreaGrade, ReportCardView, report_card
from linkadviser.store.db import open_store
from linkadviser.sync.errors import SyncError
from linkadviser.sync.export import export_central
from linkadviser.sync.importer import import_file as import_sync
from tests.unit.data.conftest import FIXTURES, stored_cards
from tests.unit.sync.sync_helpers import dump, new_central, read_member, rezip

ROWS, CARDS = "records/data_rows.jsonl", "records/report_cards.jsonl"
CARD_FIELDS = {"card_inspected_on": "inspected_on", "card_areas": "areas",
               "ungraded_on": "ungraded_on", "ungraded_outcome": "ungraded_outcome"}


@pytest.fixture
def sent(tmp_path):
    """The centre's file with the invented MI's report cards, and the cards as it shows them."""
    centre, _ids = new_central(tmp_path / "central.sqlite3")
    import_file(centre, FIXTURES / "ofsted_mi_report_cards.csv")
    shown = {urn: report_card(centre, urn) for urn in stored_cards(centre)}
    export_central(centre, tmp_path / "to-ann.zip", "ann@example.org", everything=True)
    centre.close()
    return tmp_path / "to-ann.zip", shown


def _lines(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, sort_keys=True) + "\n" for r in records).encode()


def _rewritten(path: Path, version: int, members: dict[str, bytes]) -> Path:
    manifest = json.loads(read_member(path, "manifest.json"))
    manifest["format_version"] = version
    listed = [m for m in manifest["members"] if m["name"] not in members]
    for name, data in members.items():
        listed.append({"name": name, "sha256": hashlib.sha256(data).hexdigest(),
                       "size": len(data), "records": data.count(b"\n")})
    manifest["members"] = sorted(listed, key=lambda m: m["name"])
    altered = path.with_name(f"altered-{version}.zip")
    rezip(path, altered, members, manifest=json.dumps(manifest).encode())
    return altered


def _as_format(path: Path, version: int, change=lambda card: None) -> Path:
    """The file as an app before format 3 wrote it: each card a record of report_cards
    (``change`` applied to each), the data rows without card fields."""
    rows = [json.loads(line) for line in read_member(path, ROWS).decode().splitlines()]
    cards = []
    for row in rows:
        card = {old: row.pop(new) for new, old in CARD_FIELDS.items()}
        if card["areas"] is not None:
            cards.append({**card, "import_id": row["import_id"], "urn": row["urn"]})
    for card in cards:
        change(card)
    return _rewritten(path, version, {ROWS: _lines(rows), CARDS: _lines(cards)})


ON, EARLIER = date(2025, 11, 20), date(2024, 3, 5)
CARD = [AreaGrade("Category of concern", "Special measures", None),
        AreaGrade("Safeguarding standards", "Met", ON),
        AreaGrade("Inclusion", "Expected standard", ON),
        AreaGrade("Achievement", "Needs attention", EARLIER),
        AreaGrade("An area Ofsted adds", "Strong standard", ON)]


def _old_form(record: dict) -> None:
    """A card as an app before sync format 2 wrote it: names, words and a date in each area
    (the same card for every school)."""
    record["inspected_on"] = ON.isoformat()
    record["areas"] = json.dumps([[a.area, a.grade, a.graded_on.isoformat() if a.graded_on
                                   else None] for a in CARD], separators=(",", ":"))


def _cards_in(path: Path) -> dict[int, str]:
    """The report cards' areas the file carries, by school (the adviser's schools only)."""
    rows = [json.loads(line) for line in read_member(path, ROWS).decode().splitlines()]
    return {r["urn"]: r["card_areas"] for r in rows if r["card_areas"] is not None}


def test_the_file_says_format_3_and_carries_compact_cards_on_the_rows(sent):
    path, shown = sent
    assert json.loads(read_member(path, "manifest.json"))["format_version"] == 3
    cards = _cards_in(path)
    assert cards and cards.keys() <= shown.keys()
    assert not any(areas.startswith('[["') for areas in cards.values())


@pytest.mark.parametrize("version", [1, 2])
def test_a_file_of_an_older_format_imports_with_the_same_cards(sent, tmp_path, version):
    path, shown = sent
    old = _as_format(path, version, _old_form if version == 1 else lambda card: None)
    ann = open_store(tmp_path / "ann.sqlite3")
    try:
        import_sync(ann, old)
        assert stored_cards(ann).keys() == _cards_in(path).keys()
        for urn in _cards_in(path):
            view = shown[urn]
            expected = ReportCardView(CARD, view.ungraded, ON) if version == 1 else view
            assert report_card(ann, urn) == expected
        assert not any(a.startswith('[["') for a in stored_cards(ann).values())  # compact
    finally:
        ann.close()


def _refused(ann, bad: Path) -> str:
    before = dump(ann)
    with pytest.raises(SyncError) as caught:
        import_sync(ann, bad)
    assert "Nothing was changed" in str(caught.value)
    assert dump(ann) == before
    return str(caught.value)


@pytest.mark.parametrize("areas", ["[[99,1]]", '[["Inclusion","Good enough","2025-11-20"]]'
                                   .replace("Good enough", "x" * 121), "[[1,2,\"2025-02-30\"]]",
                                   "not json"])
def test_a_card_that_cannot_be_read_refuses_the_file(sent, tmp_path, areas):
    path, _shown = sent
    rows = [json.loads(line) for line in read_member(path, ROWS).decode().splitlines()]
    for row in rows:
        if row["card_areas"] is not None:
            row["card_areas"] = areas
    bad = _rewritten(path, 3, {ROWS: _lines(rows)})
    old = _as_format(path, 2, lambda card: card.update(areas=areas))
    ann = open_store(tmp_path / "ann.sqlite3")
    try:
        for file in (bad, old):
            assert "report card" in _refused(ann, file)
    finally:
        ann.close()


def test_an_old_card_without_its_school_row_refuses_the_file(sent, tmp_path):
    path, _shown = sent
    old = _as_format(path, 2, lambda card: card.update(urn=999999))
    ann = open_store(tmp_path / "ann.sqlite3")
    try:
        assert "report card of school 999999" in _refused(ann, old)
    finally:
        ann.close()


@pytest.mark.parametrize("with_areas", [True, False])
def test_an_overlong_ungraded_outcome_refuses_the_file(sent, tmp_path, with_areas):
    """Checked on every row, with a card's areas or without (a row no import writes)."""
    path, _shown = sent
    rows = [json.loads(line) for line in read_member(path, ROWS).decode().splitlines()]
    row = next(r for r in rows if r["card_areas"] is not None)
    row["ungraded_outcome"] = "School remains Good" + "!" * 200
    if not with_areas:
        row["card_areas"] = row["card_inspected_on"] = None
    bad = _rewritten(path, 3, {ROWS: _lines(rows)})
    ann = open_store(tmp_path / "ann.sqlite3")
    try:
        assert "an ungraded outcome of 219 characters" in _refused(ann, bad)
    finally:
        ann.close()
