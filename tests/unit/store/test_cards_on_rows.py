"""Migration 0005 puts each stored report card on its school's data row, and back again."""

from __future__ import annotations

from datetime import date

import numpy as np
from alembic import command
from sqlalchemy import text

from linkadviser.data.importer import import_file
from linkadviser.data.judgements import AreaGrade, report_card
from linkadviser.data.queries import long_figures
from linkadviser.store.db import open_store
from linkadviser.store.migrate import alembic_config
from linkadviser.store.models_data import DataRow
from tests.unit.data.conftest import FIXTURES

BEFORE = "0004_compact_report_cards"


def test_a_card_whose_school_has_no_row_gets_a_row_without_figures(tmp_path):
    """No app wrote such a card, but a file may have brought one: the upgrade keeps it."""
    path = tmp_path / "store.sqlite3"
    store = open_store(path)
    import_file(store, FIXTURES / "ofsted_mi_report_cards.csv")
    command.downgrade(alembic_config(store.engine), BEFORE)
    with store.engine.begin() as conn:
        import_id = conn.execute(text("SELECT id FROM data_imports")).scalar()
        before = conn.execute(text("SELECT count(*) FROM report_cards")).scalar()
        conn.execute(text(
            "INSERT INTO report_cards (import_id, urn, inspected_on, areas, ungraded_on, "
            "ungraded_outcome) VALUES (:i, 999999, '2025-12-01', '[[2,1]]', NULL, '')"),
            {"i": import_id})
    store.close()

    store = open_store(path)  # upgrades to the head
    try:
        assert report_card(store, 999999).areas == [
            AreaGrade("Inclusion", "Strong standard", date(2025, 12, 1))]
        assert long_figures(store, DataRow.urn == 999999).empty  # no figure invented
        with store.session() as session:
            figures = session.scalar(text("SELECT figures FROM data_rows WHERE urn = 999999"))
            cards = session.scalar(text(
                "SELECT count(*) FROM data_rows WHERE card_areas IS NOT NULL"))
        assert np.isnan(np.frombuffer(figures, dtype="<f8")).all() and len(figures) > 0
        assert cards == before + 1
        command.downgrade(alembic_config(store.engine), BEFORE)  # and back: every card
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM report_cards")).scalar() == \
                before + 1
    finally:
        store.close()
