import json

from linkadviser.cli import main
from linkadviser.paths import database_path
from linkadviser.store.db import open_store
from tests.factories import make_school


def test_record_and_list_extras(capsys):
    store = open_store(database_path())
    make_school(store, name="Foxley Hythe Junior School", urn=990673)
    store.close()
    assert main(["extras", "add", "990673", "sixth-form-monitoring", "--cost", "600",
                 "--date", "2026-10-01"]) == 0
    assert "Sixth Form Monitoring Visit (£600.00)" in capsys.readouterr().out
    assert main(["extras", "add", "990673", "tea"]) == 2
    assert "not one of the programme's chargeable services" in capsys.readouterr().err
    assert main(["extras", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["urn"], r["service"], r["cost"]) for r in rows] == [
        (990673, "sixth-form-monitoring", 600.0)]
