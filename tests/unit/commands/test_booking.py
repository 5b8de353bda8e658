"""`visits book`, `visits back-to-planned`, `visits --term` and `calendar export`."""

from __future__ import annotations

import json

import icalendar

from linkadviser.cli import main
from linkadviser.paths import database_path
from linkadviser.store.db import open_store
from linkadviser.store.models import Visit
from tests.factories import make_school

URN = 990149


def school() -> None:
    store = open_store(database_path())
    make_school(store, name="Dunmere Academy", urn=URN)
    store.close()


def visits_of_school(capsys) -> list[dict]:
    assert main(["visits", "--school", str(URN), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_booking_from_the_command_line_and_seeing_it(capsys, tmp_path):
    school()
    assert main(["visits", "book", str(URN), "--visit", "2", "--year", "2026/27",
                 "--date", "2027-01-12", "--time", "9:30", "--place", "Head's office"]) == 0
    assert "Tue 12 Jan 2027, 09:30, Head's office" in capsys.readouterr().out
    (visit,) = visits_of_school(capsys)
    assert (visit["visit"], visit["state"], visit["year"]) == (2, "planned", "2026/27")
    assert (visit["booked"], visit["time"], visit["place"]) == (
        "2027-01-12", "09:30", "Head's office")
    assert main(["visits", "--school", str(URN)]) == 0
    assert "2027-01-12  09:30  Head's office" in capsys.readouterr().out

    ics = tmp_path / "visits.ics"
    assert main(["calendar", "export", str(ics), "--since", "2026-09-01"]) == 0
    assert "Wrote 1 booked visit (from" in capsys.readouterr().out
    (event,) = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert str(event["uid"]) == f"{visit['id']}@linkadviser"

    assert main(["visits", "--term", "--json"]) == 0
    assert "weeks" in json.loads(capsys.readouterr().out)


def test_bad_bookings_are_one_line_errors_and_change_nothing(capsys):
    school()
    for args, message in (
            (["--date", "2027-13-01"], "not a date like"),
            (["--date", "2028-01-12", "--year", "2026/27"], "outside the academic year"),
            (["--date", "2027-01-12", "--year", "2026/28"], "not an academic year"),
            (["--date", "2027-01-12", "--time", "noon", "--year", "2026"], "not a time like")):
        try:
            code = main(["visits", "book", str(URN), "--visit", "2", *args])
        except SystemExit as exit_:  # argparse's own refusal of a malformed value
            code = exit_.code
        assert code == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err
    store = open_store(database_path())
    with store.session() as session:
        assert session.query(Visit).count() == 0
    store.close()


def test_back_to_planned_from_the_command_line(capsys):
    school()
    assert main(["visits", "book", str(URN), "--visit", "1", "--year", "2026/27",
                 "--date", "2026-10-01"]) == 0
    capsys.readouterr()
    (visit,) = visits_of_school(capsys)
    assert main(["visits", "back-to-planned", visit["id"]]) == 2
    assert "only a visit in progress" in capsys.readouterr().err
    store = open_store(database_path())
    with store.transaction() as session:
        session.get(Visit, visit["id"]).state = "in_progress"
    store.close()
    assert main(["visits", "back-to-planned", visit["id"]]) == 0
    assert "planned again" in capsys.readouterr().out
    assert visits_of_school(capsys)[0]["state"] == "planned"


def test_a_weekend_booking_is_made_with_a_warning(capsys):
    school()
    assert main(["visits", "book", str(URN), "--visit", "2", "--year", "2026/27",
                 "--date", "2027-01-17"]) == 0
    out = capsys.readouterr().out
    assert "Booked visit 2 at URN 990149: Sun 17 Jan 2027" in out
    assert "Sun 17 Jan 2027 is a Sunday: schools are usually closed" in out
