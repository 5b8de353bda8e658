from __future__ import annotations

import json

from linkadviser.cli import main
from linkadviser.services import open_services
from tests.unit.data.conftest import CASELOAD_URN, fixture


def test_import_reports_what_it_found(capsys):
    assert main(["import", str(fixture("england_ks2final.csv"))]) == 0
    out = capsys.readouterr().out
    assert "imported DfE performance tables, key stage 2" in out and "2024/25" in out
    assert "schools in your caseload: 0" in out
    assert "other schools kept for comparison: 24" in out
    assert "authority and England rows kept as comparators: 2" in out


def test_import_again_needs_replace_or_keep_and_errors_are_one_line(capsys):
    path = str(fixture("england_ks4final.csv"))
    assert main(["import", path]) == 0
    capsys.readouterr()
    assert main(["import", path]) == 2
    err = capsys.readouterr().err
    assert err.startswith("linkadviser: ") and err.count("\n") == 1 and "--replace" in err
    assert main(["import", path, "--keep", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outcome"] == "kept"


def test_prepare_prints_ranked_questions_as_json(capsys):
    open_services().close()  # the store exists, as after the app's first start
    for year in ("2023-2024", "2024-2025"):
        main(["import", str(fixture("england_ks2final.csv", year))])
    capsys.readouterr()
    assert main(["prepare", str(CASELOAD_URN), "--json"]) == 0
    prepared = json.loads(capsys.readouterr().out)
    scores = [q["score"] for q in prepared["questions"]]
    assert scores and scores == sorted(scores, reverse=True)
    assert all(q["evidence"] for q in prepared["questions"])
    assert main(["prepare", "4242"]) == 2
    assert "No data has been imported for URN 4242" in capsys.readouterr().err
