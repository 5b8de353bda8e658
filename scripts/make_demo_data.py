"""Write the demo county's invented performance files, and the test fixtures.

    .venv/bin/python scripts/make_demo_data.py

Writes ``resources/demo/data/<year>/`` (KS2, KS4 and absence for three academic years, for the
URNs in ``resources/demo/schools.csv`` plus invented schools outside the caseload kept for
comparison; and an Ofsted inspection outcomes file "as at" 31 August of four years, for the
caseload and a few thousand invented schools across England) and ``tests/fixtures/data/``.
Seeded, so running it again writes the same files. Every figure is invented.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from linkadviser.data.invented import (
    InventedSchool,
    census_rows,
    invent_schools,
    performance_rows,
    write_csv,
)
from linkadviser.data.invented_ofsted import MiSchool, mi_row
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


# Ofsted's management information is a snapshot of every state-funded school's latest graded
# inspection. The demo has one per year, as at 31 August, so the county page has England beside
# the county and a trajectory; the last must be late enough to hold every date in schools.csv.
OFSTED_AS_AT = (2023, 2024, 2025, 2026)
OFSTED_FILE = "invented_ofsted_state_funded_schools_mi_31_august_{year}.csv"
# Invented schools across England outside the demo county: (phase, count, URN start). Enough
# that England's percentages look national; few enough that each file stays near 400 kB.
ENGLAND_SCHOOLS = (("Primary", 3000, 500001), ("Secondary", 650, 540001),
                   ("Special", 180, 560001), ("Alternative provision", 50, 570001))
# The first grade a school gets, by phase (outstanding, good, requires improvement, inadequate).
FIRST_GRADE = {"Primary": (0.14, 0.68, 0.16, 0.02), "Secondary": (0.18, 0.55, 0.22, 0.05),
               "Special": (0.30, 0.56, 0.11, 0.03), "Alternative provision": (0.2, 0.55, 0.18,
                                                                              0.07)}
# The next grade, given the last: most good schools stay good, most that require improvement
# become good, so England sits near 88% good or better, secondary below primary.
NEXT_GRADE = {1: (0.50, 0.40, 0.09, 0.01), 2: (0.05, 0.81, 0.12, 0.02),
              3: (0.01, 0.62, 0.32, 0.05), 4: (0.0, 0.52, 0.44, 0.04)}
# Months until the next inspection after each grade (Ofsted returns sooner to weaker schools).
GAP_MONTHS = {1: (60, 110), 2: (40, 60), 3: (24, 32), 4: (16, 26)}
# Secondary schools slip more often: the chance a next "good" is "requires improvement".
SECONDARY_SLIP = 0.10
# A few schools open during the years shown: absent before, then "NULL" until inspected.
NEW_SCHOOL_SHARE = 0.04


@dataclass(frozen=True)
class Inspection:
    """One invented graded inspection (1 outstanding to 4 inadequate)."""

    on: date
    grade: int


@dataclass(frozen=True)
class OfstedSchool:
    """A school in the invented MI files, with every inspection it has had, oldest first."""

    urn: int
    name: str
    phase: str
    history: tuple[Inspection, ...]
    opened: date | None = None  # None: open before the first file

    def as_at(self, when: date) -> Inspection | None:
        """The school's latest inspection on ``when``: what a file published then would say."""
        done = [i for i in self.history if i.on <= when]
        return done[-1] if done else None


def _pick(rng: np.random.Generator, weights: tuple[float, ...]) -> int:
    return int(rng.choice(4, p=np.array(weights) / sum(weights))) + 1


def invented_history(rng: np.random.Generator, phase: str, until: date,
                     first: date) -> tuple[Inspection, ...]:
    """Inspections from ``first`` to ``until``, each grade following from the one before.

    Simulated rather than drawn per year so that grades persist between snapshots as real ones
    do (a school keeps its grade until Ofsted returns) and the England figures move slowly.
    """
    on = first
    grade = _pick(rng, FIRST_GRADE[phase])
    history = []
    while on <= until:
        history.append(Inspection(on, grade))
        low, high = GAP_MONTHS[grade]
        on += timedelta(days=int(rng.integers(low * 30, high * 30)))
        grade = _pick(rng, NEXT_GRADE[grade])
        if phase == "Secondary" and grade == 2 and rng.random() < SECONDARY_SLIP:
            grade = 3
    return tuple(history)


def _school_day(on: date) -> date:
    """Ofsted inspects on weekdays in term time: move a weekend or summer-holiday date earlier.

    The holiday runs to early September, so a date then moves back into July.
    """
    if on.month == 8 or (on.month == 9 and on.day < 3):
        on = on.replace(month=7, day=20)
    while on.weekday() >= 5:
        on -= timedelta(days=1)
    return on


def caseload_history(rng: np.random.Generator, grade: int, on: date) -> tuple[Inspection, ...]:
    """A demo school's inspection before the one in schools.csv, then that one.

    Schools now good or better were often weaker before (and some now weaker were good), so
    the county's % good or better moves over the years, mostly up towards England's: the story
    the authority's goal tells.
    """
    before = _school_day(on - timedelta(days=int(rng.integers(30 * 30, 52 * 30))))
    if grade == 1:
        earlier = 2
    elif grade == 2:
        earlier = 3 if rng.random() < 0.45 else 2
    elif grade == 3:
        earlier = 2 if rng.random() < 0.5 else 3
    else:
        earlier = 3
    return (Inspection(before, earlier), Inspection(on, grade))


def ofsted_schools(schools: list[InventedSchool]) -> list[OfstedSchool]:
    """The caseload (as schools.csv grades it), the demo's comparison schools, and England's."""
    until = date(max(OFSTED_AS_AT), 8, 31)
    result = []
    with (ROOT / "resources/demo/schools.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            urn = int(row["urn"])
            rng = np.random.default_rng([SEED, urn, 1])
            result.append(OfstedSchool(urn, row["name"], row["phase"], caseload_history(
                rng, int(row["ofsted_grade"]), date.fromisoformat(row["ofsted_date"]))))
    caseload = {s.urn for s in result}
    others = [(s.urn, s.name, s.phase) for s in schools if s.urn not in caseload]
    for phase, count, start in ENGLAND_SCHOOLS:
        kind = {"Primary": "Primary School", "Secondary": "High School",
                "Special": "Special School", "Alternative provision": "Learning Centre"}[phase]
        others += [(start + i, f"Invented {kind} {start + i}", phase) for i in range(count)]
    for urn, name, phase in others:
        rng = np.random.default_rng([SEED, urn, 2])
        opened = None
        first = date(2013, 9, 1) + timedelta(days=int(rng.integers(0, 6 * 365)))
        if rng.random() < NEW_SCHOOL_SHARE:
            opened = date(int(rng.integers(2022, max(OFSTED_AS_AT))), 9, 1)
            first = opened + timedelta(days=int(rng.integers(20 * 30, 36 * 30)))
        history = tuple(Inspection(_school_day(i.on), i.grade)
                        for i in invented_history(rng, phase, until, first))
        result.append(OfstedSchool(urn, name, phase, history, opened))
    return result


def ofsted_rows(schools: list[OfstedSchool], year: int) -> list[dict[str, str]]:
    """Ofsted's MI layout as at 31 August ``year``; a school not yet inspected shows NULL."""
    when = date(year, 8, 31)
    rows = []
    for s in schools:
        if s.opened is not None and s.opened > when:
            continue
        latest = s.as_at(when)
        quality = "NULL"
        if latest is not None:
            rng = np.random.default_rng([SEED, s.urn, latest.on.toordinal()])
            quality = str(int(np.clip(latest.grade + rng.choice((-1, 0, 0, 0, 0, 1)), 1, 4)))
        rows.append({"Web link": f"https://example.invalid/ofsted/{s.urn}", "URN": str(s.urn),
                     "School name": s.name, "Ofsted phase": s.phase,
                     "Inspection start date": f"{latest.on:%d/%m/%Y}" if latest else "NULL",
                     "Overall effectiveness": str(latest.grade) if latest else "NULL",
                     "Quality of education": quality})
    return rows


def write_demo() -> None:
    base = ROOT / "resources/demo/data"
    schools = demo_schools()
    for year in YEARS:
        for kind, name in FILES.items():
            write_csv(folder(base, year) / name,
                      performance_rows(kind, schools, year, SEED, DEMO_LA))
        write_csv(folder(base, year) / "wexham_school_data.csv", authority_rows(schools, year))
    inspected = ofsted_schools(schools)
    for year in OFSTED_AS_AT:
        write_csv(folder(base, year - 1) / OFSTED_FILE.format(year=year),
                  ofsted_rows(inspected, year))


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
    write_csv(folder(base, 2023) / "england_census.csv", census_rows(schools))
    regions = {"926": ("Wexham", "East of England"), "935": ("Suffolk", "East of England")}
    mi = [MiSchool(s.urn, s.name, s.phase, *regions[s.la_code]) for s in schools]
    mi += [MiSchool(700001 + i, f"Invented School {700001 + i}", phase, "Camden", "London")
           for i, phase in enumerate(["Primary", "Primary", "Secondary", "Special"] * 3)]
    write_csv(base / "ofsted_mi_report_cards.csv",
              [mi_row(s, date(2026, 2, 28), 11) for s in mi])


if __name__ == "__main__":
    write_demo()
    write_fixtures()
    print("wrote resources/demo/data and tests/fixtures/data (all figures invented)")
