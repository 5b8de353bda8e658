"""Report cards travel in the compact form (sync format 2); a format 1 file, whose cards name
every area and date in full, still imports and shows the same cards; a card that cannot be read
refuses the file and changes nothing."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from linkadviser.data.importer import import_file
from linkadviser.data.judgements import AreaGrade, ReportCardView, report_card
from linkadviser.store.db import open_store
from linkadviser.store.models_data import ReportCard
from linkadviser.sync.errors import SyncError
from linkadviser.sync.export import export_central
from linkadviser.sync.importer import import_file as import_sync
from tests.unit.data.conftest import FIXTURES
from tests.unit.sync.sync_helpers import dump, new_central, read_member, rezip

MEMBER = "records/report_cards.jsonl"


@pytest.fixture
def sent(tmp_path):
    """The centre's file with the invented MI's report cards, and the cards as it shows them."""
    centre, _ids = new_central(tmp_path / "central.sqlite3")
    import_file(centre, FIXTURES / "ofsted_mi_report_cards.csv")
    with centre.session() as session:
        urns = session.scalars(select(ReportCard.urn)).all()
    shown = {urn: report_card(centre, urn) for urn in urns}
    export_central(centre, tmp_path / "to-ann.zip", "ann@example.org", everything=True)
    centre.close()
    return tmp_path / "to-ann.zip", shown


def _altered(path: Path, version: int, change) -> Path:
    lines = [json.loads(line) for line in read_member(path, MEMBER).decode().splitlines()]
    for record in lines:
        change(record)
    data = "".join(json.dumps(r, sort_keys=True) + "\n" for r in lines).encode()
    manifest = json.loads(read_member(path, "manifest.json"))
    manifest["format_version"] = version
    for m in manifest["members"]:
        if m["name"] == MEMBER:
            m["sha256"], m["size"] = hashlib.sha256(data).hexdigest(), len(data)
    altered = path.with_name(f"altered-{version}.zip")
    rezip(path, altered, {MEMBER: data}, manifest=json.dumps(manifest).encode())
    return altered


ON, EARLIER = date(2025, 11, 20), date(2024, 3, 5)
CARD = [AreaGrade("Category of concern", "Special measures", None),
        AreaGrade("Safeguarding standards", "Met", ON),
        AreaGrade("Inclusion", "Expected standard", ON),
        AreaGrade("Achievement", "Needs attention", EARLIER),
        AreaGrade("An area Ofsted adds", "Strong standard", ON)]


def _old_form(record: dict) -> None:
    """A card as an app before sync format 2 wrote it: names, words and a date in each area."""
    record["inspected_on"] = ON.isoformat()
    record["areas"] = json.dumps([[a.area, a.grade, a.graded_on.isoformat() if a.graded_on
                                   else None] for a in CARD], separators=(",", ":"))


def test_the_file_says_format_2_and_carries_compact_cards(sent):
    path, _shown = sent
    assert json.loads(read_member(path, "manifest.json"))["format_version"] == 2
    cards = [json.loads(line) for line in read_member(path, MEMBER).decode().splitlines()]
    assert cards and not any(c["areas"].startswith('[["') for c in cards)


def test_a_format_1_file_imports_with_the_same_cards(sent, tmp_path):
    path, shown = sent
    old = _altered(path, 1, _old_form)
    urns = [json.loads(line)["urn"] for line in read_member(old, MEMBER).decode().splitlines()]
    ann = open_store(tmp_path / "ann.sqlite3")
    try:
        import_sync(ann, old)
        for urn in urns:
            assert report_card(ann, urn) == ReportCardView(CARD, shown[urn].ungraded, ON)
        with ann.session() as session:
            stored = session.scalars(select(ReportCard.areas)).all()
        assert stored and all(a.startswith("[[0,") for a in stored)  # kept compact
    finally:
        ann.close()


@pytest.mark.parametrize("areas", ["[[99,1]]", '[["Inclusion","Good enough","2025-11-20"]]'
                                   .replace("Good enough", "x" * 121), "[[1,2,\"2025-02-30\"]]",
                                   "not json"])
def test_a_card_that_cannot_be_read_refuses_the_file(sent, tmp_path, areas):
    path, _shown = sent
    bad = _altered(path, 2, lambda record: record.update(areas=areas))
    ann = open_store(tmp_path / "ann.sqlite3")
    try:
        before = dump(ann)
        with pytest.raises(SyncError) as caught:
            import_sync(ann, bad)
        assert "report card" in str(caught.value) and "Nothing was changed" in str(caught.value)
        assert dump(ann) == before
    finally:
        ann.close()
