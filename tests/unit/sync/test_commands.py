"""``linkadviser sync ...`` on the command line: the three exchanges and a refused file."""

from __future__ import annotations

from linkadviser.cli import main
from tests.unit.sync.sync_helpers import add_visit


def test_centre_to_adviser_and_back(central, tmp_path, home, capsys):
    centre, ids = central
    to_ann, from_ann = tmp_path / "to-ann.zip", tmp_path / "from-ann.zip"
    db = str(centre.path)
    assert main(["sync", "export-central", "--db", db, "--adviser", "ann@example.org",
                 str(to_ann)]) == 0
    assert "schools: 2" in capsys.readouterr().out

    assert main(["sync", "import", str(to_ann)]) == 0  # into the adviser's own store
    out = capsys.readouterr().out
    assert "from the centre" in out and "schools: 2 added" in out
    assert (home / "linkadviser.sqlite3").exists()

    from linkadviser.store.db import open_store

    ann = open_store(home / "linkadviser.sqlite3")
    add_visit(ann, ids["s1"], 1, "hello")
    ann.close()
    assert main(["sync", "export", str(from_ann)]) == 0
    assert "visits: 1" in capsys.readouterr().out
    assert main(["sync", "import", "--db", db, str(from_ann)]) == 0
    assert "visits: 1 added" in capsys.readouterr().out
    assert main(["sync", "import", "--db", db, str(from_ann)]) == 0
    assert "imported before" in capsys.readouterr().out
    assert main(["sync", "conflicts", "--db", db]) == 0
    assert "No conflicts" in capsys.readouterr().out


def test_a_refused_file_is_one_line_on_stderr(tmp_path, capsys):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not really")
    assert main(["sync", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("linkadviser: The sync file was refused") and err.count("\n") == 1


def test_unknown_adviser(central, tmp_path, capsys):
    assert main(["sync", "export-central", "--db", str(central[0].path), "--adviser", "zed",
                 str(tmp_path / "x.zip")]) == 2
    assert "no adviser matching 'zed'" in capsys.readouterr().err


def test_export_to_a_missing_folder(central, tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "x.zip"
    assert main(["sync", "export-central", "--db", str(central[0].path), "--adviser",
                 "ann@example.org", str(target)]) == 2
    err = capsys.readouterr().err
    assert "could not be written" in err and "nothing was marked as sent" in err
    assert main(["sync", "export-central", "--db", str(central[0].path), "--adviser",
                 "ann@example.org", str(tmp_path / "x.zip")]) == 0
    assert "schools: 2" in capsys.readouterr().out  # the failed export moved no mark


def test_conflicts_listed_then_marked_reviewed(central, tmp_path, capsys):
    centre, ids = central
    from linkadviser.store.models import Visit
    from linkadviser.sync.export import export_adviser, export_central
    from linkadviser.sync.importer import import_file
    from tests.unit.sync.sync_helpers import new_store

    ann = new_store(tmp_path / "ann.sqlite3")
    export_central(centre, tmp_path / "to-ann.zip", "ann@example.org")
    import_file(ann, tmp_path / "to-ann.zip")
    visit = add_visit(ann, ids["s1"], 1, "first")
    export_adviser(ann, tmp_path / "a.zip")
    import_file(centre, tmp_path / "a.zip")
    for store, state in ((centre, "prepared"), (ann, "ready_to_sign")):  # both change it
        with store.transaction() as s:
            s.get(Visit, visit).state = state
    export_adviser(ann, tmp_path / "b.zip")
    ann.close()
    db = str(centre.path)
    assert main(["sync", "import", "--db", db, str(tmp_path / "b.zip")]) == 0
    assert "1 conflict," in capsys.readouterr().out
    assert main(["sync", "conflicts", "--db", db]) == 0
    listed = capsys.readouterr().out.strip()
    assert "Visit, School 1, visit 1" in listed and "Changed in both places" in listed
    assert "    State: here 'Prepared'; arrived 'Ready to sign'" in listed
    short = listed.split()[0]
    assert main(["sync", "conflicts", "--db", db, "--reviewed", short]) == 0
    assert "Marked 1" in capsys.readouterr().out
    assert main(["sync", "conflicts", "--db", db]) == 0
    assert "No conflicts to review" in capsys.readouterr().out
    assert main(["sync", "conflicts", "--db", db, "--reviewed", "zzzzzz"]) == 2
