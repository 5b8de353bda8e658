"""Report cards are stored compactly (codes, a date only where it differs) and read back
exactly as written, in the old form as well as the new."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest
from alembic import command
from sqlalchemy import text

from linkadviser.data.card_codes import (
    AREAS,
    GRADES,
    CardCodeError,
    compacted,
    decode,
    encode,
)
from linkadviser.data.config import default_rules
from linkadviser.data.importer import import_file
from linkadviser.data.judgements import report_card
from linkadviser.store.db import open_store
from linkadviser.store.migrate import HEAD_REVISION, alembic_config, current_revision
from tests.unit.data.conftest import FIXTURES, invented_mi, stored_cards, write_mi

ON = date(2025, 11, 20)
DATES = (ON, date(2024, 2, 1), None)
TEXTS = ("Special measures", 'A "quoted", odd\\ phrase é', "Met")


def _old_form(entries) -> str:
    """As stores before 0004 wrote a card (and as sync format 1 carries it)."""
    return json.dumps([[a, g, d.isoformat() if d else None] for a, g, d in entries],
                      separators=(",", ":"))


@pytest.mark.parametrize("inspected_on", [ON, None])
def test_every_area_grade_and_date_reads_back_as_written(inspected_on):
    entries = [(area, grade, on) for area, grade, on in
               itertools.product((*AREAS, "An area Ofsted adds"), (*GRADES, *TEXTS), DATES)]
    for at in range(0, len(entries), 30):  # a card has at most 40 areas
        card = entries[at:at + 30]
        written = encode(card, inspected_on)
        assert decode(written, inspected_on) == card
        assert decode(_old_form(card), inspected_on) == card
        assert compacted(_old_form(card), inspected_on) == written


def test_the_usual_card_is_small():
    card = [(area, "Expected standard", ON) for area in AREAS[1:]]
    assert encode(card, ON) == "[[1,2],[2,2],[3,2],[4,2],[5,2],[6,2],[7,2],[8,2],[9,2]]"


def test_every_area_and_word_of_the_kinds_has_a_code():
    for kind in default_rules().kinds:
        if kind.report_card is not None:
            assert {a.area for a in kind.report_card.areas} <= set(AREAS)
            assert {*kind.report_card.five_point, *kind.report_card.met} <= set(GRADES)


@pytest.mark.parametrize("bad", [
    "{}", "[1]", "[[1]]", "[[1,2,3,4]]", "[[99,1]]", "[[1,99]]", "[[-1,1]]", "[[true,1]]",
    '[[1,""]]', f'[[1,"{"x" * 121}"]]', '[[1,2,"2025-13-01"]]', '[[1,2,20251120]]',
    "[" * 5000 + "]" * 5000, "[" + ",".join(["[1,2]"] * 41) + "]", "not json"])
def test_a_card_that_is_not_one_is_refused(bad):
    with pytest.raises(CardCodeError):
        decode(bad, ON)


def test_the_migrations_rewrite_stored_cards_and_they_read_the_same(tmp_path):
    """0004 (compact areas) and 0005 (cards on the rows) down to the report_cards table of
    0003 with the old form, and up again: every card reads the same."""
    path = tmp_path / "store.sqlite3"
    store = open_store(path)
    import_file(store, FIXTURES / "ofsted_mi_report_cards.csv")
    urns = list(stored_cards(store))
    shown = {urn: report_card(store, urn) for urn in urns}
    assert any(view.areas for view in shown.values())
    command.downgrade(alembic_config(store.engine), "0003_fewer_import_indexes")
    with store.engine.connect() as conn:
        old = conn.execute(text("SELECT areas FROM report_cards WHERE areas != '[]'")).scalars()
        assert all(isinstance(json.loads(a)[0][0], str) for a in old)  # the old form again
    store.close()

    store = open_store(path)  # upgrades to the head, as a store from the last release does
    try:
        assert current_revision(store.engine) == HEAD_REVISION
        assert {urn: report_card(store, urn) for urn in urns} == shown
        stored = stored_cards(store)
        assert stored.keys() == set(urns)
        assert all(not a.startswith('[["') for a in stored.values())
    finally:
        store.close()


def test_the_import_writes_each_card_as_encode_does_from_the_files_cells(tmp_path):
    """The importer writes cards with numpy, not with ``encode``: for 400 schools, some with
    an area graded on a day of its own or undated, every stored card is ``encode``'s text
    of the file's own cells, and its date the latest area's (a school with only an ungraded
    inspection has a card with no areas)."""
    from datetime import datetime, timedelta

    rows = invented_mi(400)
    card = next(k for k in default_rules().kinds if k.report_card is not None).report_card
    carded = [r for r in rows if r["Safeguarding standards"] != "NULL"]
    for at, row in enumerate(carded[:40]):  # an area graded earlier, or with no date
        area = card.areas[2 + at % 6]
        if row[area.column] != "NULL":
            row[area.date_column] = "NULL" if at % 3 == 0 else \
                f"{date(2025, 11, 10) + timedelta(days=at):%d/%m/%Y}"
    store = open_store(tmp_path / "store.sqlite3")
    try:
        import_file(store, write_mi(tmp_path / "ofsted_mi.csv", rows))
        with store.session() as session:
            stored = {urn: (on, areas) for urn, on, areas in session.execute(text(
                "SELECT urn, card_inspected_on, card_areas FROM data_rows "
                "WHERE card_areas IS NOT NULL"))}
    finally:
        store.close()

    def day(cell: str) -> date | None:
        return None if cell == "NULL" else datetime.strptime(cell, "%d/%m/%Y").date()

    expected = {}
    for row in rows:
        entries = [(a.area, row[a.column], day(row[a.date_column])) for a in card.areas
                   if row[a.column] != "NULL"]
        if entries or row["Ungraded inspection overall outcome"] != "NULL":
            on = max((d for _a, _g, d in entries if d), default=None)
            expected[int(row["URN"])] = (on and on.isoformat(), encode(entries, on))
    assert len(carded) > 60 and stored == expected
