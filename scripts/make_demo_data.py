"""Write the demo county's invented performance files, and the test fixtures.

    .venv/bin/python scripts/make_demo_data.py

Writes ``resources/demo/data/<year>/`` (KS2, KS4 and absence for three academic years, for the
URNs in ``resources/demo/schools.csv`` plus invented schools outside the caseload kept for
comparison) and ``tests/fixtures/data/``. Seeded, so running it again writes the same files.
Every figure is invented.
"""

from __future__ import annotations

import csv
from pathlib import Path

from linkadviser.data.invented import (
    InventedSchool,
    invent_schools,
    performance_rows,
    write_csv,
)
from linkadviser.data.years import label

ROOT = Path(__file__).resolve().parent.parent
DEMO_LA, NEIGHBOUR_LA = "990", "991"
YEARS = (2022, 2023, 2024)
SEED = 2026
FILES = {"ks2": "england_ks2final.csv", "ks4": "england_ks4final.csv",
         "absence": "england_abs.csv"}


def folder(base: Path, year: int) -> Path:
    return base / f"{year}-{year + 1}"


def demo_schools() -> list[InventedSchool]:
    with (ROOT / "resources/demo/schools.csv").open(encoding="utf-8") as fh:
        caseload = [(int(r["urn"]), r["name"], r["phase"]) for r in csv.DictReader(fh)]
    others = [(998001 + i, f"Comparison School {i + 1} (invented)",
               "Primary" if i % 3 else "Secondary") for i in range(18)]
    neighbours = [(999001 + i, f"Neighbouring School {i + 1} (invented)",
                   "Primary" if i % 3 else "Secondary") for i in range(9)]
    return (invent_schools(caseload + others, DEMO_LA, SEED)
            + invent_schools(neighbours, NEIGHBOUR_LA, SEED + 1))


def authority_rows(schools: list[InventedSchool], year: int) -> list[dict[str, str]]:
    """The authority's own export: SEN and FSM figures the public files do not break out."""
    rows = []
    for s in schools:
        if s.la_code != DEMO_LA:
            continue
        base = s.strength + s.drift * (year - 2022)
        row = {"School URN": str(s.urn), "School": s.name, "LA code": s.la_code,
               "Academic year": label(year),
               "SEN support overall absence %": f"{9.5 - 1.2 * base:.1f}",
               "Disadvantaged overall absence %": f"{9.0 - 1.0 * base:.1f}"}
        if s.phase == "Primary":
            row.update({"SEN support RWM expected %": f"{max(0, 22 + 10 * base):.0f}",
                        "EHC plan RWM expected %": "SUPP" if s.urn % 2 else "9",
                        "No SEN RWM expected %": f"{min(100, 70 + 10 * base):.0f}",
                        "FSM RWM expected %": f"{max(0, 44 + 11 * base):.0f}"})
        else:
            row.update({"SEN support Attainment 8": f"{33 + 5 * base:.1f}",
                        "EHC plan Attainment 8": f"{14 + 3 * base:.1f}",
                        "No SEN Attainment 8": f"{50 + 6 * base:.1f}",
                        "FSM Attainment 8": f"{35 + 6 * base:.1f}"})
        rows.append(row)
    rows.append({"School URN": "", "School": "Wexham (invented)", "LA code": DEMO_LA,
                 "Academic year": label(year), "SEN support overall absence %": "9.6",
                 "Disadvantaged overall absence %": "9.1", "SEN support RWM expected %": "22",
                 "FSM RWM expected %": "44", "SEN support Attainment 8": "33.0",
                 "FSM Attainment 8": "35.0"})
    rows.append({"School URN": "", "School": "England", "LA code": "",
                 "Academic year": label(year), "SEN support overall absence %": "9.2",
                 "Disadvantaged overall absence %": "8.8", "SEN support RWM expected %": "24",
                 "No SEN RWM expected %": "70", "FSM RWM expected %": "45",
                 "SEN support Attainment 8": "33.5", "No SEN Attainment 8": "50.2",
                 "FSM Attainment 8": "35.3"})
    return rows


def write_demo() -> None:
    base = ROOT / "resources/demo/data"
    schools = demo_schools()
    for year in YEARS:
        for kind, name in FILES.items():
            write_csv(folder(base, year) / name,
                      performance_rows(kind, schools, year, SEED, DEMO_LA))
        write_csv(folder(base, year) / "wexham_school_data.csv", authority_rows(schools, year))


def fixture_schools() -> list[InventedSchool]:
    rows = [(100001 + i, f"Invented {'Primary' if i % 3 else 'High'} School {i + 1}",
             "Primary" if i % 3 else "Secondary") for i in range(36)]
    return invent_schools(rows[:30], "926", 7) + invent_schools(rows[30:], "935", 8)


def write_fixtures() -> None:
    base = ROOT / "tests/fixtures/data"
    schools = fixture_schools()
    for year in YEARS:
        for kind, name in FILES.items():
            encoding = "utf-8-sig" if kind == "absence" else "utf-8"
            write_csv(folder(base, year) / name,
                      performance_rows(kind, schools, year, 7, "926"), encoding)
    gias = [{"URN": str(s.urn), "LA (code)": s.la_code, "EstablishmentName":
             s.name.replace("Invented", "Invented Église"),
             "TypeOfEstablishment (name)": "Community school",
             "PhaseOfEducation (name)": s.phase, "NumberOfPupils": str(200 + s.urn % 700),
             "PercentageFSM": f"{10 + s.urn % 30:.1f}"} for s in schools]
    write_csv(base / "edubasealldata20240105.csv", gias, encoding="cp1252")
    ofsted = [{"Web link": f"https://example.invalid/{s.urn}", "URN": str(s.urn),
               "School name": s.name, "Ofsted phase": s.phase,
               "Inspection start date": f"{1 + s.urn % 27:02d}/0{1 + s.urn % 6}/2024",
               "Overall effectiveness": str(1 + s.urn % 4) if s.urn % 5 else "NULL",
               "Quality of education": str(1 + (s.urn + 1) % 4)} for s in schools]
    write_csv(base / "ofsted_state_funded_schools_mi.csv", ofsted)
    census = [{"URN": str(s.urn), "LA": s.la_code, "NOR": str(200 + s.urn % 700),
               "PNUMFSMEVER": f"{15 + s.urn % 25:.1f}", "PSENELK": f"{10 + s.urn % 8:.1f}",
               "PSENELSE": "x" if s.urn % 7 == 0 else f"{1 + s.urn % 4:.1f}",
               "PNUMEAL": f"{s.urn % 20:.1f}"} for s in schools]
    write_csv(folder(base, 2023) / "england_census.csv", census)


if __name__ == "__main__":
    write_demo()
    write_fixtures()
    print("wrote resources/demo/data and tests/fixtures/data (all figures invented)")
