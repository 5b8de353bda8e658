"""A county-sized invented store, for benchmarks: 450 schools, ten years, about 18,000 visits.

The startup and sync benchmarks need a store the size a whole authority would hold. Records
come from the same phrase bank and composer as the demo caseload, and are written with bulk
inserts, one transaction per academic year. Signed visits get ``SignedVersion`` rows whose
fingerprint is computed from the content built alongside the rows (the shape ``content_of``
reads back) by ``linkadviser.visit.content``; the tests check it equals the fingerprint recomputed
from the store. Reading the visits back through ``content_of`` costs about 22 ms a visit (six
minutes for the county) against about 0.5 ms for fingerprinting the content built here.

Measured on the 2-core development machine: 18,000 visits (16,500 signed), 520,000 rows, a
320 MB file, in 28 s when the machine is otherwise idle (46 s with other work running).

    python -m linkadviser.demo.county PATH [--schools 450] [--years 10] [--seed 2026]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from linkadviser.calendar import term_of
from linkadviser.demo.bank import Chooser, load_bank
from linkadviser.demo.caseload import DEMO_KEY, ensure_empty
from linkadviser.demo.compose import SchoolFacts
from linkadviser.demo.records import (
    Placement,
    RowSink,
    place_visit,
    signed_at,
    signed_version_values,
)
from linkadviser.demo.scenario import NUMBERS, compose_year, this_year_states
from linkadviser.errors import LinkAdviserError
from linkadviser.programme import bundled_programmes, default_programme, for_phase
from linkadviser.programme.model import Programme
from linkadviser.signing.demo import enrol_county
from linkadviser.store import models as m
from linkadviser.store.db import Store, open_store

FIRST_URN = 900001  # invented schools, numbered apart from the demo county's 990101 upwards
SCHOOLS_PER_ADVISER = 30
# Its certificate authority: invented, like every name in the generated county.
COUNTY_AUTHORITY = "Generated County (invented)"
ROLL = {"Primary": (80, 450), "Secondary": (500, 1800)}


@dataclass
class CountySummary:
    schools: int
    years: int
    visits: int = 0
    signed: int = 0
    rows: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        spent = ", ".join(f"{k} {v:.1f}s" for k, v in self.timings.items())
        return (f"{self.schools} schools x {self.years} years: {self.visits} visits "
                f"({self.signed} signed), {self.rows} rows; {spent}")


class _Clock:
    """Adds the time spent in each phase, and counts, to the summary: the slow part shows."""

    def __init__(self, summary: CountySummary) -> None:
        self.summary = summary
        self.timings = summary.timings

    def count(self, what: str) -> None:
        setattr(self.summary, what, getattr(self.summary, what) + 1)

    def run(self, phase: str, work: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = work()
        self.timings[phase] = self.timings.get(phase, 0.0) + time.perf_counter() - start
        return result


def seeded_ids(rng: random.Random) -> Callable[[], str]:
    """Version-4 UUIDs from the seeded generator, so the same seed gives the same store."""
    return lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))


def invent_schools(rng: random.Random, bank: dict[str, Any], count: int
                   ) -> list[dict[str, Any]]:
    """``count`` invented schools, as ``School`` columns, with unique names."""
    names = bank["county"]
    ch = Chooser(rng, bank, {})
    seen: set[str] = set()
    schools = []
    while len(schools) < count:
        phase = "Primary" if rng.random() < 0.75 else "Secondary"
        words = [rng.choice(names["places"]), rng.choice(names["qualifiers"]),
                 rng.choice(names["kinds"][phase.lower()])]
        name = " ".join(w for w in words if w)
        if name in seen:
            name = f"{name} ({len(schools) + 1})" if len(seen) > count * 3 else ""
        if not name:
            continue
        seen.add(name)
        school_type = rng.choice(names["types"][phase.lower()])
        schools.append({
            "urn": FIRST_URN + len(schools), "name": name, "phase": phase,
            "school_type": school_type, "la_maintained": not school_type.startswith("Academy"),
            "local_authority": "Generated county (invented)",
            "ofsted_grade": rng.choices((1, 2, 3, 4), (15, 60, 20, 5))[0],
            "ofsted_date": date(2019 + rng.randint(0, 5), rng.randint(1, 12), rng.randint(1, 28)),
            "pupils_on_roll": rng.randint(*ROLL[phase]),
            "percent_fsm": round(rng.uniform(5, 45), 1), "deprivation_decile": rng.randint(1, 10),
            "headteacher": ch.person(), "chair_of_governors": ch.person(), "in_caseload": True,
        })
    return schools


def generate_county(store: Store, programme: Programme, schools: int = 450, years: int = 10,
                    seed: int = 2026, today: date | None = None) -> CountySummary:
    """Fill an empty store with ``schools`` invented schools and ``years`` years of visits
    (every visit of a past year signed; this year's autumn visits at mixed stages)."""
    today = today or date.today()
    rng = random.Random(seed)
    bank = load_bank()
    current = term_of(today, programme.terms).academic_year
    first = current - years + 1
    summary = CountySummary(schools, years)
    clock = _Clock(summary)
    sink = RowSink(store.device_id, seeded_ids(rng))
    with store.transaction() as session:
        ensure_empty(session, "a generated county")
        school_rows = invent_schools(rng, bank, schools)
        advisers = [(sink.add(m.Adviser, name=f"County Adviser {n + 1:02d} (invented)",
                              email=f"adviser{n + 1:02d}@example.invalid"),
                     f"County Adviser {n + 1:02d} (invented)")
                    for n in range(max(1, -(-schools // SCHOOLS_PER_ADVISER)))]
        for row in school_rows:
            row["id"] = sink.add(m.School, **row)
        for year in range(first, current + 1):
            sink.add(m.AcademicYear, start_year=year)
        sink.add(m.Meta, key=DEMO_KEY, value="true")
        summary.rows += clock.run("insert", lambda: sink.write(session))
    programmes = [programme, *(p for p, _ in bundled_programmes() if p.id != programme.id)]
    previous: dict[int, list[dict[str, Any]]] = {}  # each school's records of the year before
    for year in range(first, current + 1):
        with store.transaction() as session:
            clock.run("compose", lambda y=year: _compose_year(
                rng, bank, programmes, sink, school_rows, advisers, y, current, today, clock,
                previous))
            summary.rows += clock.run("insert", lambda: sink.write(session))
    clock.run("enrol", lambda: enrol_county(store, COUNTY_AUTHORITY))  # the centre's CA
    return summary


def _compose_year(rng: random.Random, bank: dict[str, Any], programmes: list[Programme],
                  sink: RowSink, schools: list[dict[str, Any]], advisers: list[tuple[str, str]],
                  year: int, current: int, today: date, clock: _Clock,
                  previous: dict[int, list[dict[str, Any]]]) -> None:
    """Queue one year's assignments and visits: every visit of a past year signed; this
    year's autumn visits at mixed stages and the rest planned."""
    past = year < current
    for index, school in enumerate(schools):
        adviser_id, adviser_name = advisers[index % len(advisers)]
        sink.add(m.CaseloadAssignment, school_id=school["id"], adviser_id=adviser_id,
                 academic_year=year)
        who = SchoolFacts(school["urn"], school["name"], school["phase"], school["headteacher"],
                          school["chair_of_governors"], school["ofsted_grade"])
        states = dict.fromkeys(NUMBERS, "signed" if past else "planned")
        if not past:
            states.update(this_year_states(rng))
        programme = for_phase(programmes, school["phase"])
        records = compose_year(rng, bank, programme.for_year(year), who, adviser_name, states,
                               past=past, previous=previous.get(school["urn"]))
        previous[school["urn"]] = records
        for record in records:
            content = place_visit(sink, record, Placement(
                school["id"], school["urn"], school["name"], year, programme.id,
                programme.version, adviser_id, adviser_name, programme.terms), today)
            clock.count("visits")
            if content is not None:
                values = clock.run("fingerprint (within compose)", lambda c=content:
                                   signed_version_values(c, 1, signed_at(c)))
                sink.add(m.SignedVersion, **values)
                clock.count("signed")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m linkadviser.demo.county",
                                     description="Create an invented county-sized store.")
    parser.add_argument("path", type=Path, help="the store file to create (must not hold schools)")
    parser.add_argument("--schools", type=int, default=450)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        store = open_store(args.path)
        try:
            summary = generate_county(store, default_programme(), args.schools, args.years,
                                      args.seed)
            with store.engine.connect() as conn:
                conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            with store.session() as session:
                visits = session.scalar(select(func.count()).select_from(m.Visit))
        finally:
            store.close()
    except LinkAdviserError as exc:
        print(exc, file=sys.stderr)
        return 1
    size = args.path.stat().st_size / 1e6
    print(f"{args.path}: {summary}")
    print(f"{visits} visits in the store; {size:.1f} MB; "
          f"{time.perf_counter() - start:.1f}s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
