"""England and the county's region by phase, from Ofsted's MI file itself; typed-in figures
shown exactly as entered."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date

from linkadviser.authority.report import build_report
from linkadviser.cli import main
from linkadviser.data.importer import import_file
from linkadviser.data.invented import write_csv
from linkadviser.data.invented_ofsted import MiSchool, mi_row
from linkadviser.store.db import open_store
from tests.unit.authority.county import SCHOOLS, TODAY, build_county

GRADE = "Latest OEIF overall effectiveness"


def mi_file(tmp_path):
    """The county's six schools in the East of England, others there and in London."""
    schools = [MiSchool(urn, name, phase.capitalize(), "Wexham", "East of England")
               for urn, name, phase, *_ in SCHOOLS]
    phases = ["Primary", "Primary", "Secondary", "Special"]
    schools += [MiSchool(800000 + i, f"School {i}", phases[i % 4], "Suffolk" if i % 2 else
                         "Camden", "East of England" if i % 2 else "London") for i in range(80)]
    path = tmp_path / "mi.csv"
    write_csv(path, [mi_row(s, date(2026, 2, 28), 5) for s in schools])
    return path


def expected(path, phase: str, region: str | None = None) -> Counter:
    with path.open(encoding="utf-8") as fh:
        return Counter(r[GRADE] for r in csv.DictReader(fh)
                       if r["Ofsted phase"] == phase and region in (None, r["Region"]))


def test_england_and_the_region_by_phase_come_from_the_file(store, programme, tmp_path):
    build_county(store)
    path = mi_file(tmp_path)
    import_file(store, path)
    report = build_report(store, programme, TODAY, authority="Wexham", record_snapshot=False)
    for phase in ("Primary", "Secondary"):
        rows = {r.area: r.counts for r in next(p for p in report.picture
                                                if p.phase == phase).rows}
        assert list(rows) == ["England", "East of England", "Wexham"]
        for area, region in (("England", None), ("East of England", "East of England")):
            want = expected(path, phase, region)
            counts = rows[area]
            assert (counts.outstanding, counts.good, counts.requires_improvement,
                    counts.inadequate) == (want["1"], want["2"], want["3"], want["4"])
            assert counts.not_inspected == want["NULL"]


def test_published_percentages_are_shown_exactly_as_entered(tmp_path, capsys):
    path = tmp_path / "central.sqlite3"
    store = open_store(path)
    build_county(store)
    store.close()
    # 19 + 47 = 66 as published; worked out again from the rounded figures (sum 99) it is 67
    assert main(["central", "comparator", "--db", str(path), "--area", "England",
                 "--phase", "All schools", "--date", "2026-09-01",
                 "--counts", "19%,47%,27%,6%"]) == 0
    capsys.readouterr()
    assert main(["central", "report", "--db", str(path), "--date", "2026-11-26",
                 "--no-record"]) == 0
    printed = capsys.readouterr().out
    england = next(line for line in printed.splitlines() if "England" in line
                   and "All schools" in line)
    assert "66%" in england and "67%" not in england
    assert "19%" in england and "47%" in england
