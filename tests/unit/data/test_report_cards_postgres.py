"""Report cards imported into a central store on PostgreSQL read back as in SQLite.

The MI file's report-card layout is imported by the centre; a central store may be
PostgreSQL, whose types are stricter than SQLite's (text lengths, 32-bit integers, dates),
so the same file must import there and give the same areas back.
"""

from __future__ import annotations

from linkadviser.authority.central import open_central
from linkadviser.data.importer import import_file
from linkadviser.data.judgements import report_card
from linkadviser.store.db import open_store
from tests.pg import pg_server, pg_url  # noqa: F401 - fixtures for the PostgreSQL test
from tests.unit.data.conftest import FIXTURES, stored_cards

REPORT_CARDS = FIXTURES / "ofsted_mi_report_cards.csv"


def test_report_cards_import_into_a_postgresql_central_store(pg_url, tmp_path):  # noqa: F811
    lite = open_store(tmp_path / "central.sqlite3")
    expected = import_file(lite, REPORT_CARDS)
    pg = open_central(pg_url)
    try:
        report = import_file(pg, REPORT_CARDS)
        assert (report.kind, report.year_label) == ("ofsted", "2025/26")
        assert report.report_cards == expected.report_cards > 0
        assert report.schools_for_comparison == expected.schools_for_comparison
        urns = sorted(stored_cards(lite))
        assert urns
        for urn in urns:
            card = report_card(pg, urn)
            assert card == report_card(lite, urn), urn
        areas = {a.area: a.grade for urn in urns for a in report_card(pg, urn).areas}
        assert {"Inclusion", "Safeguarding standards", "Achievement"} <= areas.keys()
        # A second import of the same file is recognised as the same publication.
        again = import_file(pg, REPORT_CARDS, on_existing="replace")
        assert again.outcome == "replaced"
        assert report_card(pg, urns[0]) == report_card(lite, urns[0])
    finally:
        pg.close()
        lite.close()

