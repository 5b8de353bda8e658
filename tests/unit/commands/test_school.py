"""``linkadviser school`` and ``linkadviser targets``: keeping school facts, sanctioning targets."""

from __future__ import annotations

import json
from datetime import date, timedelta

from linkadviser.cli import main
from linkadviser.paths import database_path
from linkadviser.services import open_services
from tests.unit.documents import builders


def _store_with_school() -> None:
    services = open_services(database_path())
    builders.add_school(services, "Oak High", urn=990150)
    services.close()


def test_school_facts_are_kept_and_shown(capsys):
    _store_with_school()
    assert main(["school", "set", "990150", "--headteacher", "Dr New Head", "--since",
                 "2026-04-01", "--nominated", "Gov One", "--nominated", "Gov Two"]) == 0
    assert "Dr New Head since 2026-04-01; chair Bob Chair" in capsys.readouterr().out
    assert main(["school", "show", "990150", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "headteacher": "Dr New Head", "headteacher_since": "2026-04-01", "chair": "Bob Chair",
        "nominated_governors": ["Gov One", "Gov Two"]}
    assert main(["school", "set", "990150", "--no-nominated", "--chair", "Cara Chair"]) == 0
    assert main(["school", "show", "990150"]) == 0
    out = capsys.readouterr().out
    assert "Chair of governors: Cara Chair" in out and "none recorded" in out
    assert "since 01 April 2026" in out


def test_a_start_date_in_the_future_is_one_line_and_changes_nothing(capsys):
    _store_with_school()
    later = (date.today() + timedelta(days=30)).isoformat()
    assert main(["school", "set", "990150", "--headteacher", "X", "--since", later]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "in the future" in err
    assert main(["school", "show", "990150", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["headteacher"] == "Ann Head"


def test_governors_sanction_of_targets_from_the_command_line(capsys):
    from linkadviser.calendar import term_of
    from linkadviser.programme import default_programme

    today = date.today()
    year = term_of(today, default_programme().terms).academic_year
    services = open_services(database_path(), today=lambda: today - timedelta(days=1))
    builders.visit(services, 1, year=year)
    services.close()
    label = f"{year}/{(year + 1) % 100:02d}"
    assert main(["targets", "show", "123456", "--year", label, "--json"]) == 0
    assert {r["sanctioned_on"] for r in json.loads(capsys.readouterr().out)} == {None}
    assert main(["targets", "sanction", "123456", "--on", today.isoformat()]) == 0
    assert "sanctioned 3 agreed targets" in capsys.readouterr().out
    assert main(["targets", "show", "123456"]) == 0
    assert today.isoformat() in capsys.readouterr().out
    assert main(["targets", "sanction", "123456", "--on", today.isoformat(),
                 "--year", str(year - 5)]) == 2
    assert "no visit 1 in" in capsys.readouterr().err
