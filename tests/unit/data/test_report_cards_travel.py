"""Report cards imported at the centre reach the adviser's store with the centre's file."""

from __future__ import annotations

from linkadviser.data.importer import import_file
from linkadviser.data.judgements import report_card
from linkadviser.store.db import open_store
from linkadviser.sync.export import export_central
from linkadviser.sync.importer import import_file as import_sync
from tests.unit.data.conftest import FIXTURES
from tests.unit.sync.sync_helpers import new_central


def test_report_cards_travel_with_their_import(tmp_path):
    centre, _ids = new_central(tmp_path / "central.sqlite3")
    import_file(centre, FIXTURES / "ofsted_mi_report_cards.csv")
    at_centre = report_card(centre, 100001)
    assert at_centre.ungraded is not None
    export_central(centre, tmp_path / "to-ann.zip", "ann@example.org", everything=True)
    centre.close()
    ann = open_store(tmp_path / "ann.sqlite3")
    import_sync(ann, tmp_path / "to-ann.zip")
    assert report_card(ann, 100001) == at_centre
    ann.close()
