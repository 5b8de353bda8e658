"""The command line: clear one-line errors, JSON for scripts, nothing changed on failure."""

from __future__ import annotations

import json

from linkadviser.cli import main
from linkadviser.paths import database_path, programme_path
from linkadviser.store.db import open_store
from tests.factories import make_school


def test_version(capsys):
    try:
        main(["--version"])
    except SystemExit as done:
        assert done.code == 0
    assert capsys.readouterr().out.startswith("linkadviser 0.")


def test_listing_without_a_store_says_how_to_make_one(capsys):
    assert main(["schools"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "linkadviser init --demo" in err
    assert not database_path().exists()


def test_schools_and_visits_as_json(capsys):
    store = open_store(database_path())
    make_school(store, name="Dunmere Academy", urn=990149)
    store.close()
    assert main(["schools", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["urn"] == 990149 and rows[0]["name"] == "Dunmere Academy"
    assert main(["visits", "--due", "--json"]) == 0
    due = json.loads(capsys.readouterr().out)
    assert {d["visit"] for d in due} <= {1, 2, 3, 4} and due
    assert main(["visits", "--school", "990149", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_unknown_urn(capsys):
    open_store(database_path()).close()
    assert main(["visits", "--school", "424242"]) == 2
    assert "No school with URN 424242" in capsys.readouterr().err


def test_programme_check_and_show(capsys, tmp_path):
    assert main(["programme", "check", str(programme_path())]) == 0
    assert "OK" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text(programme_path().read_text().replace("term: summer", "term: 3"))
    assert main(["programme", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml:" in err and "term" in err and "Traceback" not in err
    assert main(["programme", "show"]) == 0
    out = capsys.readouterr().out
    assert "£2,650" in out and "Visit 4: Support for Head Teacher Performance Management" in out


def test_a_corrupt_store_is_one_line_and_untouched(capsys):
    path = database_path()
    path.write_bytes(b"not a database" * 100)
    assert main(["schools"]) == 2
    assert "not a linkadviser database" in capsys.readouterr().err
    assert path.read_bytes() == b"not a database" * 100


def test_init_demo_leaves_the_caseload_for_the_apps_first_start(capsys):
    from datetime import date

    from linkadviser.caseload.snapshot import load_snapshot

    assert main(["init", "--demo"]) == 0
    snapshot = load_snapshot(database_path(), date.today())
    assert snapshot is not None and snapshot.demo and len(snapshot.rows) == 42
